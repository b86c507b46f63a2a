import crypto from "node:crypto";
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { GRADING_QUEUE } from "../queue/grading-queue";
import { enqueueOutboxJob } from "../queue/outbox-relay";
import { parseInput } from "../validation";
import { chargedAttemptsWhere, effectiveLimits } from "./attempt-policy";
import { SubmissionInputSchema } from "./submission-input";
import { decodeWeightsBundle, WEIGHTS_LANGUAGE } from "./weights-bundle";
import { logger } from "../log";

/**
 * Prisma's defaults (2 s to get a connection, 5 s to commit) turned a saturated server's slow
 * answers into refusals in the deadline-rush bench; at a deadline, a late yes beats a fast error.
 */
const SUBMIT_TRANSACTION_LIMITS = { maxWait: 15_000, timeout: 20_000 };

/**
 * Records a learner's submission and the job that will grade it, in one transaction, then hands
 * the job to the queue. Checks enrolment, the deadline, the attempt limit and the lab's code size.
 * `user` is whoever the caller authenticated: the session for the web, a token for the API.
 */
export async function createSubmission(user: Pick<CurrentUser, "id" | "role">, input: unknown) {
  const { courseSlug, assignmentSlug, code, source, language } = parseInput(
    SubmissionInputSchema,
    input,
    "Your submission was not accepted.",
  );

  // The lab, its latest version, the learner's enrolment and extension in one query: in a deadline
  // rush most of a query's cost is Prisma compiling it, so fewer queries serve more learners.
  const assignment = await db.assignment.findFirst({
    where: { slug: assignmentSlug, course: { slug: courseSlug } },
    select: {
      id: true,
      courseId: true,
      course: { select: { deadline: true, enrolments: { where: { userId: user.id }, select: { id: true } } } },
      // Only what grading and the limits need: the brief, starter code and data preview are large.
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: { id: true, spec: true, specSha256: true, deadline: true, maxAttempts: true },
      },
      extensions: { where: { userId: user.id }, select: { deadline: true, extraAttempts: true } },
    },
  });
  const version = assignment?.versions[0];
  if (!assignment || !version) throw new NotFoundError("There is no such lab.");

  const enrolment = assignment.course.enrolments[0];
  if (!enrolment && user.role !== "ADMIN")
    throw new ForbiddenError("Enrol in this course before submitting to its labs.");

  const spec = AssignmentSpecSchema.parse(version.spec);
  const isWeights = language === WEIGHTS_LANGUAGE;
  if (spec.mode === "weights" && !isWeights) {
    throw new ValidationError("Your submission was not accepted.", {
      code: ["This lab grades uploaded weights: upload the model.json and weights file that model.save() wrote."],
    });
  }
  if (spec.mode === "train" && isWeights) {
    throw new ValidationError("Your submission was not accepted.", {
      code: ["This lab trains your code on the grader: submit a JavaScript or TypeScript module, not weights."],
    });
  }
  if (isWeights) {
    const bundle = decodeWeightsBundle(code);
    if ("error" in bundle) throw new ValidationError("Your submission was not accepted.", { code: [bundle.error] });
    // Four bytes per float32 parameter: anything larger cannot fit the lab's parameter budget.
    if (bundle.weights.byteLength > spec.budget.maxParameters * 4) {
      throw new ValidationError("Your submission was not accepted.", {
        weights: [
          `The weights file holds ${bundle.weights.byteLength / 4} parameters' worth of bytes; ` +
            `this lab allows at most ${spec.budget.maxParameters} parameters.`,
        ],
      });
    }
  }
  const codeBytes = Buffer.byteLength(code, "utf8");
  if (!isWeights && codeBytes > spec.budget.maxCodeBytes) {
    throw new ValidationError("Your submission was not accepted.", {
      code: [`Your code is ${codeBytes} bytes; this lab accepts at most ${spec.budget.maxCodeBytes}.`],
    });
  }

  const submission = await db.$transaction(async (tx) => {
    // One learner's submissions to one course are serialised here, so two at once cannot both
    // take the last attempt.
    if (enrolment) await tx.$queryRaw`SELECT id FROM "Enrolment" WHERE id = ${enrolment.id} FOR UPDATE`;
    const limits = effectiveLimits({
      version,
      courseDeadline: assignment.course.deadline,
      extension: assignment.extensions[0] ?? null,
    });
    if (limits.deadline && limits.deadline.getTime() < Date.now()) {
      throw new ConflictError(
        `The deadline for this lab passed on ${limits.deadline.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
      );
    }
    const used = await tx.submission.count({ where: chargedAttemptsWhere(user.id, assignment.id) });
    if (limits.maxAttempts !== null && used >= limits.maxAttempts) {
      throw new ConflictError(`You have used all ${limits.maxAttempts} attempts for this lab.`);
    }
    const created = await tx.submission.create({
      data: {
        userId: user.id,
        assignmentId: assignment.id,
        assignmentVersionId: version.id,
        attemptNumber: used + 1,
        source,
        code,
        codeSha256: crypto.createHash("sha256").update(code, "utf8").digest("hex"),
        specSha256: version.specSha256,
        threshold: spec.metric.threshold,
        language,
      },
      select: { id: true, attemptNumber: true, status: true },
    });
    const job = await tx.outboxJob.create({
      data: { queue: GRADING_QUEUE, name: "grade", payload: { submissionId: created.id } },
      select: { id: true, name: true, payload: true, priority: true },
    });
    return { ...created, job };
  }, SUBMIT_TRANSACTION_LIMITS);

  // The outbox row already guarantees the job, so the learner gets their answer without waiting
  // for Redis: the enqueue follows at once, or, when Redis is slow or away, the workers' sweeper does it.
  const { job, ...result } = submission;
  void enqueueOutboxJob(job).catch((error: unknown) =>
    logger.warn({ err: error, submissionId: result.id }, "submission queued in Postgres; enqueue deferred"),
  );
  return result;
}
