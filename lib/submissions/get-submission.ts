// Reading submissions. A submission is visible to the learner who made it, to instructors of its
// course and to admins; to anyone else it does not exist (404, so ids cannot be probed).
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { certificationOf, parseCertificationRecord } from "../assignments/certification";
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import { localize } from "../courses/localize";
import { canTeachCourse } from "../courses/roles";
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { NotFoundError } from "../errors";

type Viewer = Pick<CurrentUser, "id" | "role">;

const SubmissionIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/);

/** One epoch as the grader reported it (grader/pipeline/grade-submission.ts EpochPoint). */
const EpochPointSchema = z.object({
  /** The training run of a multi-seed attempt it belongs to (1 for the first); absent for a single run. */
  run: z.number().int().min(1).optional(),
  epoch: z.number(),
  loss: z.number().nullable(),
  metric: z.number().optional(),
  elapsedMs: z.number().optional(),
});
export type EpochPointView = z.infer<typeof EpochPointSchema>;

/** The owner, the course's instructors and admins may read a submission; to anyone else it does not exist. */
async function readableBy<Row extends { userId: string; assignment: { courseId: string } }>(
  viewer: Viewer,
  row: Row | null,
): Promise<Row> {
  if (!row) throw new NotFoundError("There is no such submission.");
  if (row.userId !== viewer.id && !(await canTeachCourse(viewer, row.assignment.courseId)))
    throw new NotFoundError("There is no such submission.");
  return row;
}

function parseCurves(value: unknown): EpochPointView[] {
  const curves = z.array(EpochPointSchema).safeParse(value ?? []);
  return curves.success ? curves.data : [];
}

/** Everything the submission page and the API show about one submission. */
export async function getSubmission(viewer: Viewer, id: string, locale: Locale = "en") {
  if (!SubmissionIdSchema.safeParse(id).success) throw new NotFoundError("There is no such submission.");
  const found = await db.submission.findUnique({
    where: { id },
    include: {
      user: { select: { id: true, name: true } },
      assignment: {
        select: { slug: true, title: true, courseId: true, course: { select: { slug: true, title: true } } },
      },
      assignmentVersion: { select: { version: true, spec: true } },
    },
  });
  const row = await readableBy(viewer, found);
  const isOwner = row.userId === viewer.id;
  const spec = AssignmentSpecSchema.parse(row.assignmentVersion.spec);
  return {
    id: row.id,
    isOwner,
    learner: { id: row.user.id, name: row.user.name },
    course: { slug: row.assignment.course.slug, title: localize(row.assignment.course.title, locale) },
    assignment: {
      slug: row.assignment.slug,
      title: localize(row.assignment.title, locale),
      version: row.assignmentVersion.version,
    },
    metric: spec.metric,
    budget: spec.budget,
    /** Training runs each graded attempt of this lab version makes, and the rule that decides it. */
    certificationSpec: certificationOf(spec),
    attemptNumber: row.attemptNumber,
    source: row.source,
    language: row.language,
    status: row.status,
    failureKind: row.failureKind,
    failureCode: row.failureCode,
    message: row.message,
    score: row.score,
    threshold: row.threshold,
    metrics: (row.metrics ?? null) as Record<string, number> | null,
    curves: parseCurves(row.curves),
    logs: row.logs,
    code: row.code,
    isRegrade: row.isRegrade,
    queuedAt: row.queuedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    receipt: {
      codeSha256: row.codeSha256,
      specSha256: row.specSha256,
      datasetSha256: row.datasetSha256,
      heldOutSha256: row.heldOutSha256,
      graderVersion: row.graderVersion,
      backend: row.backend,
      seed: row.seed,
      isDeterministic: row.isDeterministic,
      trainingMs: row.trainingMs,
      scoringMs: row.scoringMs,
      certification: parseCertificationRecord(row.certification),
    },
  };
}
export type SubmissionView = Awaited<ReturnType<typeof getSubmission>>;

/**
 * Where a queued submission stands: 1 when it is next. Regrades wait behind every learner's work, so only they count
 * behind regrades.
 */
async function queuePosition(queuedAt: Date, isRegrade: boolean): Promise<number> {
  const ahead = await db.submission.count({
    where: {
      status: "QUEUED",
      OR: [{ queuedAt: { lt: queuedAt }, isRegrade }, ...(isRegrade ? [{ isRegrade: false }] : [])],
    },
  });
  return ahead + 1;
}

/**
 * The small, frequently re-read part of a submission that the live page and `npm run submit` follow:
 * read on every progress notification, so it selects only these columns (never the code).
 */
export async function getSubmissionStatus(viewer: Viewer, id: string) {
  if (!SubmissionIdSchema.safeParse(id).success) throw new NotFoundError("There is no such submission.");
  const found = await db.submission.findUnique({
    where: { id },
    select: {
      userId: true,
      assignment: { select: { courseId: true } },
      status: true,
      failureKind: true,
      failureCode: true,
      message: true,
      score: true,
      threshold: true,
      metrics: true,
      curves: true,
      certification: true,
      logs: true,
      isRegrade: true,
      queuedAt: true,
      startedAt: true,
      finishedAt: true,
    },
  });
  const row = await readableBy(viewer, found);
  const { status, failureKind, failureCode, message, score, threshold, logs, queuedAt, startedAt, finishedAt } = row;
  const metrics = (row.metrics ?? null) as Record<string, number> | null;
  const position = status === "QUEUED" ? await queuePosition(queuedAt, row.isRegrade) : null;
  return {
    id,
    status,
    queuePosition: position,
    failureKind,
    failureCode,
    message,
    score,
    threshold,
    metrics,
    curves: parseCurves(row.curves),
    /** Each training run with the mean and its interval, once graded; null before, and for older gradings. */
    certification: parseCertificationRecord(row.certification),
    logs,
    queuedAt,
    startedAt,
    finishedAt,
  };
}
export type SubmissionStatusView = Awaited<ReturnType<typeof getSubmissionStatus>>;

/** A learner's own submissions to one lab, newest first. */
export async function listOwnSubmissions(viewer: Viewer, assignmentId: string, take = 50) {
  return db.submission.findMany({
    where: { userId: viewer.id, assignmentId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      attemptNumber: true,
      status: true,
      failureKind: true,
      failureCode: true,
      score: true,
      threshold: true,
      message: true,
      createdAt: true,
      source: true,
    },
  });
}
