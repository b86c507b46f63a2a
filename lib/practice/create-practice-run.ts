// "Check my code": records a practice run and the job that will execute it, in one transaction,
// then hands the job to the queue. A practice run is never an attempt: it lives in its own table,
// is not limited by the attempt count or the deadline (practice after a deadline is still
// learning), and takes a queue priority below all graded work.
import type { CurrentUser } from "../auth";
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import { db } from "../db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { logger } from "../log";
import { GRADING_QUEUE } from "../queue/grading-queue";
import { enqueueOutboxJob } from "../queue/outbox-relay";
import { PRACTICE_JOB_NAME, PRACTICE_PRIORITY } from "../queue/practice-job";
import { parseInput } from "../validation";
import { practiceBudget } from "./practice-budget";
import { PracticeInputSchema } from "./practice-input";

/** A learner's history of practice runs per lab: enough to compare the last few tries. */
export const KEPT_PRACTICE_RUNS = 10;

export async function createPracticeRun(user: Pick<CurrentUser, "id" | "role">, input: unknown) {
  const { courseSlug, assignmentSlug, code, language } = parseInput(
    PracticeInputSchema,
    input,
    "Your code could not be checked.",
  );
  const assignment = await db.assignment.findFirst({
    where: { slug: assignmentSlug, course: { slug: courseSlug } },
    select: {
      id: true,
      course: { select: { enrolments: { where: { userId: user.id }, select: { id: true } } } },
      versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, spec: true } },
    },
  });
  const version = assignment?.versions[0];
  if (!assignment || !version) throw new NotFoundError("There is no such lab.");
  if (!assignment.course.enrolments[0] && user.role !== "ADMIN")
    throw new ForbiddenError("Enrol in this course before checking code for its labs.");

  const spec = AssignmentSpecSchema.parse(version.spec);
  if (spec.mode !== "train") {
    throw new ValidationError("Your code could not be checked.", {
      code: ["This lab grades uploaded weights: there is no code for the grader to run."],
    });
  }
  const codeBytes = Buffer.byteLength(code, "utf8");
  if (codeBytes > spec.budget.maxCodeBytes) {
    throw new ValidationError("Your code could not be checked.", {
      code: [`Your code is ${codeBytes} bytes; this lab accepts at most ${spec.budget.maxCodeBytes}.`],
    });
  }
  const budget = practiceBudget(spec);

  const created = await db.$transaction(async (tx) => {
    // One check at a time per learner and lab, so a learner cannot fill the queue within the rate limit.
    const unfinished = await tx.practiceRun.count({
      where: { userId: user.id, assignmentId: assignment.id, status: { in: ["QUEUED", "RUNNING"] } },
    });
    if (unfinished > 0)
      throw new ConflictError("Your previous check of this lab is still running; its result will show here.");
    const run = await tx.practiceRun.create({
      data: {
        userId: user.id,
        assignmentId: assignment.id,
        assignmentVersionId: version.id,
        code,
        language,
        ...budget,
      },
      select: { id: true, status: true },
    });
    const job = await tx.outboxJob.create({
      data: {
        queue: GRADING_QUEUE,
        name: PRACTICE_JOB_NAME,
        payload: { practiceRunId: run.id },
        priority: PRACTICE_PRIORITY,
      },
      select: { id: true, name: true, payload: true, priority: true },
    });
    const stale = await tx.practiceRun.findMany({
      where: { userId: user.id, assignmentId: assignment.id },
      orderBy: { createdAt: "desc" },
      skip: KEPT_PRACTICE_RUNS,
      select: { id: true },
    });
    if (stale.length > 0) await tx.practiceRun.deleteMany({ where: { id: { in: stale.map((row) => row.id) } } });
    return { ...run, job };
  });

  const { job, ...result } = created;
  void enqueueOutboxJob(job).catch((error: unknown) =>
    logger.warn({ err: error, practiceRunId: result.id }, "practice run queued in Postgres; enqueue deferred"),
  );
  return { ...result, ...budget };
}
