// What a "Check my code" request carries, from the lab page or the HTTP API.
import { z } from "zod";
import { MAX_SUBMISSION_BYTES } from "../submissions/submission-input";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const PracticeInputSchema = z.object({
  /** The course the lab belongs to. */
  courseSlug: z.string().regex(SLUG, "Unknown course."),
  /** The lab, by its slug. */
  assignmentSlug: z.string().regex(SLUG, "Unknown lab."),
  /** One JavaScript or TypeScript module, as it would be submitted. */
  code: z
    .string({ error: "Send your code as text." })
    .refine((code) => code.trim().length > 0, "Your code is empty.")
    .refine((code) => Buffer.byteLength(code, "utf8") <= MAX_SUBMISSION_BYTES, {
      message: `Your code is larger than ${MAX_SUBMISSION_BYTES / 1000} kB.`,
    })
    .refine((code) => !code.includes("\u0000"), "Your code contains binary data."),
  /** TypeScript has its types stripped before it runs. Uploaded weights have nothing to run, so no practice. */
  language: z.enum(["javascript", "typescript"]).default("javascript"),
});
export type PracticeInput = z.infer<typeof PracticeInputSchema>;
