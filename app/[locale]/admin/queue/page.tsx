import type { Metadata } from "next";
import { getQueueStatus } from "@/lib/admin/get-queue-status";
import { getLocale } from "@/lib/i18n/locale";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { DataTable } from "@/app/_components/data-table";
import { requirePageRole } from "@/app/_lib/page-guards";
import { AutoRefresh } from "../../instructor/_components/auto-refresh";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: staffMessagesFor(await getLocale()).queue.title };
}

// Read on every request: it is a live view.
export const dynamic = "force-dynamic";

function formatDateTime(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 19).replace("T", " ")} UTC` : "—";
}

function secondsBetween(date: Date, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
}

export default async function QueuePage() {
  const viewer = await requirePageRole("/admin/queue", "ADMIN");
  const locale = await getLocale();
  const text = staffMessagesFor(locale);
  const t = text.queue;
  const status = await getQueueStatus({ viewer, locale });
  const { queue, certificates, database, workers } = status;
  return (
    <>
      <AutoRefresh seconds={5} />
      <p className="muted">
        <Link href="/admin">{text.admin.title}</Link> / {t.crumb}
      </p>
      <h1>{t.heading}</h1>
      <p className="muted">{t.checked(formatDateTime(status.checkedAt))}</p>

      <h2>{t.jobs}</h2>
      {queue.isReachable ? (
        <div className="grid" data-testid="queue-counts">
          {(
            [
              ["waiting", t.waiting, queue.counts.waiting],
              ["running", t.running, queue.counts.running],
              ["delayed", t.delayed, queue.counts.delayed],
              ["failed", t.failed, queue.counts.failed],
              ["completed", t.completed, queue.counts.completed],
            ] as const
          ).map(([key, label, count]) => (
            <div className="card" key={key} data-testid={`queue-count-${key}`}>
              <div className="muted">{label}</div>
              <div style={{ fontSize: "1.6rem", fontWeight: 700 }}>{count}</div>
            </div>
          ))}
        </div>
      ) : (
        <p className="form-error" role="alert">
          {t.unreachable(queue.error)}
        </p>
      )}
      <p>{t.inPostgres(database.queued, database.running, database.practiceRuns, database.pendingOutbox)}</p>

      <h2>{t.runningJobs}</h2>
      {!queue.isReachable ? (
        <p className="empty">{t.issuerUnknown}</p>
      ) : (
        <DataTable
          caption={t.runningJobs}
          rows={queue.runningJobs}
          rowKey={(job) => job.id}
          testId="running-jobs"
          empty={t.noRunning}
          columns={[
            { key: "kind", header: t.kind, cell: (job) => t.kinds[job.kind] },
            {
              key: "learner",
              header: text.common.learner,
              cell: (job) =>
                job.submissionId ? (
                  <Link href={`/submissions/${job.submissionId}`}>{job.learnerName ?? job.submissionId}</Link>
                ) : (
                  (job.learnerName ?? "—")
                ),
            },
            { key: "lab", header: t.lab, cell: (job) => job.labTitle ?? "—" },
            {
              key: "worker",
              header: t.worker,
              cell: (job) => (job.workerId ? <code>{job.workerId}</code> : t.unknownWorker),
            },
            {
              key: "since",
              header: t.since,
              cell: (job) =>
                job.since ? (
                  <>
                    {formatDateTime(job.since)}{" "}
                    <span className="muted">({t.secondsAgo(secondsBetween(job.since, status.checkedAt))})</span>
                  </>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      )}

      <h2>{t.issuer}</h2>
      {!certificates.isReachable ? (
        <p className="empty">{t.issuerUnknown}</p>
      ) : certificates.isStalled ? (
        <p className="form-error" role="alert" data-testid="issuer-state">
          {t.issuerStalled(certificates.waiting, Math.round((certificates.oldestWaitingMs ?? 0) / 60_000))}{" "}
          <code>npm run issuer</code> {t.issuerStalledEnd}
        </p>
      ) : (
        <p data-testid="issuer-state">{t.issuerState(certificates.waiting, certificates.running)}</p>
      )}

      <h2>{t.workers}</h2>
      <DataTable
        caption={t.workers}
        rows={workers}
        rowKey={(worker) => worker.id}
        testId="workers"
        empty={
          <>
            {t.noWorkers} <code>npm run worker</code>
          </>
        }
        columns={[
          {
            key: "worker",
            header: t.worker,
            cell: (worker) => (
              <>
                {/* As the running jobs above name it: host and process id, the worker id BullMQ records. */}
                <code>
                  {worker.hostname}:{worker.pid}
                </code>
              </>
            ),
          },
          {
            key: "state",
            header: t.state,
            cell: (worker) =>
              !worker.isAlive ? (
                <span className="badge error">{t.gone}</span>
              ) : worker.isGrading ? (
                <span className="badge passed">{t.alive}</span>
              ) : (
                <span className="badge queued" title={t.refusingHint}>
                  {t.refusing}
                </span>
              ),
          },
          { key: "jobs", header: t.workerJobs, cell: (worker) => t.jobsOf(worker.activeJobs, worker.concurrency) },
          {
            key: "last-seen",
            header: t.lastSeen,
            cell: (worker) => t.secondsAgo(secondsBetween(worker.lastSeenAt, status.checkedAt)),
          },
          { key: "started", header: t.started, cell: (worker) => formatDateTime(worker.startedAt) },
        ]}
      />

      <h2>{t.failedJobs}</h2>
      {!queue.isReachable ? (
        <p className="empty">{t.issuerUnknown}</p>
      ) : (
        <DataTable
          caption={t.failedJobs}
          rows={queue.failedJobs}
          rowKey={(job) => job.id}
          empty={t.noFailed}
          columns={[
            {
              key: "job",
              header: t.job,
              cell: (job) => (
                <>
                  <code>{job.id}</code>
                  {job.isRegrade && <span className="muted"> {t.regrade}</span>}
                </>
              ),
            },
            {
              key: "submission",
              header: t.submission,
              cell: (job) =>
                job.submissionId ? <Link href={`/submissions/${job.submissionId}`}>{job.submissionId}</Link> : "—",
            },
            { key: "reason", header: t.reason, cell: (job) => job.reason },
            { key: "tries", header: t.tries, cell: (job) => job.attemptsMade },
            { key: "failed", header: t.failedAt, cell: (job) => formatDateTime(job.failedAt) },
          ]}
        />
      )}
    </>
  );
}
