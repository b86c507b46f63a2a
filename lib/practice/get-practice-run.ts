// Reading practice runs. A practice run belongs to the learner who started it and to nobody else:
// it is not graded work, so instructors' views never list it, and to anyone else it does not exist
// (404, so ids cannot be probed).
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { NotFoundError } from "../errors";

type Viewer = Pick<CurrentUser, "id">;

const PracticeRunIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/);

const EpochPointSchema = z.object({
  epoch: z.number(),
  loss: z.number().nullable(),
  metric: z.number().optional(),
  elapsedMs: z.number().optional(),
});

const SELECT = {
  id: true,
  userId: true,
  status: true,
  failureCode: true,
  message: true,
  errorLine: true,
  errorColumn: true,
  metricValue: true,
  metrics: true,
  outputShape: true,
  parameters: true,
  curves: true,
  logs: true,
  practiceRows: true,
  validationRows: true,
  trainingSeconds: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  assignmentVersion: { select: { spec: true } },
} satisfies Prisma.PracticeRunSelect;

type Row = Prisma.PracticeRunGetPayload<{ select: typeof SELECT }>;

function view(row: Row) {
  const { userId: _owner, assignmentVersion, curves, metrics, ...fields } = row;
  const { metric } = AssignmentSpecSchema.parse(assignmentVersion.spec);
  return {
    ...fields,
    metricName: metric.name,
    metrics: z.record(z.string(), z.number()).safeParse(metrics).data ?? null,
    curves: z.array(EpochPointSchema).safeParse(curves ?? []).data ?? [],
  };
}
export type PracticeRunView = ReturnType<typeof view>;

/** One of the viewer's own practice runs, as the lab page, its live stream and the API show it. */
export async function getPracticeRun(viewer: Viewer, id: string): Promise<PracticeRunView> {
  if (!PracticeRunIdSchema.safeParse(id).success) throw new NotFoundError("There is no such practice run.");
  const row = await db.practiceRun.findUnique({ where: { id }, select: SELECT });
  if (!row || row.userId !== viewer.id) throw new NotFoundError("There is no such practice run.");
  return view(row);
}

/** The viewer's latest practice runs of one lab, newest first. */
export async function listOwnPracticeRuns(viewer: Viewer, assignmentId: string, take = 5): Promise<PracticeRunView[]> {
  const rows = await db.practiceRun.findMany({
    where: { userId: viewer.id, assignmentId },
    orderBy: { createdAt: "desc" },
    take,
    select: SELECT,
  });
  return rows.map(view);
}

/** A run as the browser receives it: dates as ISO strings, the same over a server action and the event stream. */
export function snapshotOf(run: PracticeRunView) {
  return {
    ...run,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
export type PracticeRunSnapshot = ReturnType<typeof snapshotOf>;
