// The jobs the grading queue's workers hold right now, read from BullMQ's active list in one call
// and named from Postgres. The queue view counts running jobs, and each worker's share of them,
// from this one list, so the two numbers cannot disagree the way a 10-second heartbeat snapshot did.
import type { Job, Queue } from "bullmq";
import { db } from "../db";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { GradingJobSchema, type QueuePayload } from "../queue/grading-queue";
import { PRACTICE_JOB_NAME, PracticeJobSchema } from "../queue/practice-job";

export type RunningJobKind = "grading" | "regrade" | "practice";

export interface RunningJob {
  id: string;
  kind: RunningJobKind;
  /** The worker that took the job (its heartbeat id), when the worker named itself to BullMQ. */
  workerId: string | null;
  /** When a worker took it (BullMQ's processedOn). */
  since: Date | null;
  learnerName: string | null;
  labTitle: string | null;
  submissionId: string | null;
}

type Named = { learnerName: string; labTitle: string };

/** Learner and lab of each submission and practice run among the active jobs, in two queries. */
async function namesOf(submissionIds: string[], practiceRunIds: string[], locale: Locale) {
  const select = { id: true, user: { select: { name: true } }, assignment: { select: { title: true } } } as const;
  const [submissions, practiceRuns] = await Promise.all([
    submissionIds.length ? db.submission.findMany({ where: { id: { in: submissionIds } }, select }) : [],
    practiceRunIds.length ? db.practiceRun.findMany({ where: { id: { in: practiceRunIds } }, select }) : [],
  ]);
  const names = new Map<string, Named>();
  for (const row of [...submissions, ...practiceRuns])
    names.set(row.id, { learnerName: row.user.name, labTitle: localize(row.assignment.title, locale) });
  return names;
}

function describe(job: Job<QueuePayload>): {
  kind: RunningJobKind;
  submissionId: string | null;
  practiceRunId: string | null;
} {
  // Payloads are parsed, not trusted: an active job with another shape is still counted, unnamed.
  if (job.name === PRACTICE_JOB_NAME) {
    const parsed = PracticeJobSchema.safeParse(job.data);
    return { kind: "practice", submissionId: null, practiceRunId: parsed.success ? parsed.data.practiceRunId : null };
  }
  const parsed = GradingJobSchema.safeParse(job.data);
  return {
    kind: (job.opts.priority ?? 0) > 0 ? "regrade" : "grading",
    submissionId: parsed.success ? parsed.data.submissionId : null,
    practiceRunId: null,
  };
}

/** Every active job of `queue`, oldest first, with who and what it grades. */
export async function listRunningJobs(queue: Queue<QueuePayload>, locale: Locale): Promise<RunningJob[]> {
  const active = (await queue.getActive())
    // A job finished between BullMQ's listing and its read comes back as undefined.
    .filter((job) => job !== undefined)
    .map((job) => ({ job, ...describe(job) }));
  const names = await namesOf(
    active.flatMap((entry) => (entry.submissionId ? [entry.submissionId] : [])),
    active.flatMap((entry) => (entry.practiceRunId ? [entry.practiceRunId] : [])),
    locale,
  );
  return active
    .map(({ job, kind, submissionId, practiceRunId }) => {
      const named = names.get(submissionId ?? practiceRunId ?? "");
      return {
        id: job.id ?? "",
        kind,
        workerId: job.processedBy ?? null,
        since: job.processedOn ? new Date(job.processedOn) : null,
        learnerName: named?.learnerName ?? null,
        labTitle: named?.labTitle ?? null,
        submissionId,
      };
    })
    .sort((a, b) => (a.since?.getTime() ?? 0) - (b.since?.getTime() ?? 0));
}
