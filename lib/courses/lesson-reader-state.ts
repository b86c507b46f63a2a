// What a lesson page loads for its reader after the shared page itself (the web server may serve
// one rendering of a lesson to all its readers): the contract between
// GET /api/reader/lessons/<course>/<lesson> and the page's reader panel.
import { z } from "zod";

export const LessonReaderStateSchema = z.object({
  /** Whether the reader has completed the lesson (by passing its quiz). */
  isCompleted: z.boolean(),
  /** The lesson has a quiz the reader may take once enrolled in the course. */
  mustEnrolForQuiz: z.boolean(),
  /** The lesson's quiz and the reader's attempts; null when there is none or they may not take it yet. */
  quiz: z
    .object({
      /** Names the quiz when starting an attempt. */
      slug: z.string(),
      /** In the reader's language. */
      title: z.string(),
      /** Questions in one attempt. */
      questionCount: z.number().int(),
      /** Percentage needed to pass. */
      passPercent: z.number(),
      /** Attempts a learner may make; null: no limit (or the reader teaches the course). */
      maxAttempts: z.number().int().nullable(),
      /** Minutes to wait after a graded attempt. */
      cooldownMinutes: z.number().int(),
      /** Why the reader may not start an attempt now; null when they may, or have one open. */
      startBlock: z
        .discriminatedUnion("kind", [
          z.object({ kind: z.literal("passed") }),
          z.object({ kind: z.literal("used_up"), maxAttempts: z.number().int() }),
          /** opensAt: ISO 8601. */
          z.object({ kind: z.literal("cooling_down"), opensAt: z.iso.datetime() }),
        ])
        .nullable(),
      /** The reader's best graded attempt, as a percentage; null before the first. */
      bestPercent: z.number().nullable(),
      /** An attempt still open, to continue rather than start anew. */
      openAttemptId: z.string().nullable(),
      /** Newest first. */
      attempts: z.array(
        z.object({
          id: z.string(),
          /** ISO 8601. */
          startedAt: z.iso.datetime(),
          /** Null while the attempt is open. */
          percent: z.number().nullable(),
          isPassed: z.boolean(),
        }),
      ),
    })
    .nullable(),
});
export type LessonReaderStateJson = z.infer<typeof LessonReaderStateSchema>;
