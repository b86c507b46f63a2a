// A few TRAINING examples of a lab's data set, shown on the lab page so a learner sees what their
// model will read. Made by the grader's data code when a lab is imported; never from held-out data.
import { z } from "zod";

export const DatasetPreviewSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("images"),
    width: z.number().int().min(1).max(64),
    height: z.number().int().min(1).max(64),
    /** Each image as base64 of width*height grey levels (0 black to 255 white). */
    examples: z.array(z.object({ pixels: z.string(), label: z.string() })).max(32),
  }),
  z.object({
    kind: z.literal("text"),
    /** The start of each e-mail as the model sees it: its tokens, out-of-vocabulary words as [?]. */
    examples: z.array(z.object({ text: z.string().max(600), label: z.string() })).max(12),
  }),
  z.object({
    kind: z.literal("table"),
    columns: z.array(z.string()).max(300),
    rows: z.array(z.array(z.number())).max(12),
  }),
]);
export type DatasetPreview = z.infer<typeof DatasetPreviewSchema>;
