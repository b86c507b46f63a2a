// What AGS 2.0 §3.4 asks of a score a tool posts to a line item's scores endpoint; the test
// platform refuses anything else, so a tool that gets one wrong fails the journey.
import { z } from "zod";

const ACTIVITY_PROGRESS = ["Initialized", "Started", "InProgress", "Submitted", "Completed"] as const;
const GRADING_PROGRESS = ["FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"] as const;

export const ScoreSchema = z
  .object({
    userId: z.string().min(1),
    scoreGiven: z.number().min(0).optional(),
    scoreMaximum: z.number().positive().optional(),
    comment: z.string().optional(),
    timestamp: z.iso.datetime({ offset: true }),
    activityProgress: z.enum(ACTIVITY_PROGRESS),
    gradingProgress: z.enum(GRADING_PROGRESS),
  })
  .refine((score) => score.scoreGiven === undefined || score.scoreMaximum !== undefined, {
    message: "scoreMaximum is required with scoreGiven",
    path: ["scoreMaximum"],
  });
export type Score = z.infer<typeof ScoreSchema>;

/** The score, or what is wrong with it: a user outside the course, a timestamp not after the last one. */
export function checkScore(
  body: unknown,
  options: { members: ReadonlySet<string>; lastTimestamp: string | undefined },
): { score: Score } | { status: 400 | 409; problem: string } {
  const parsed = ScoreSchema.safeParse(body);
  if (!parsed.success)
    return {
      status: 400,
      problem: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
    };
  const score = parsed.data;
  if (!options.members.has(score.userId))
    return { status: 400, problem: `userId ${score.userId} is not in the course` };
  if (options.lastTimestamp && Date.parse(score.timestamp) <= Date.parse(options.lastTimestamp))
    return { status: 409, problem: "timestamp is not after the last score's" };
  return { score };
}
