import type { Metadata } from "next";
import { getQueueStatus } from "@/lib/admin/get-queue-status";
import { DataTable } from "@/app/_components/data-table";
import { requirePageRole } from "@/app/_lib/page-guards";
import { AutoRefresh } from "../../instructor/_components/auto-refresh";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Grading queue · Admin" };

// Read on every request: it is a live view.
export const dynamic = "force-dynamic";

function formatDateTime(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 19).replace("T", " ")} UTC` : "—";
}

function secondsAgo(date: Date, now: Date): string {
  return `${Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000))} s ago`;
}

function minutes(ms: number): string {
  const whole = Math.round(ms / 60_000);
  return whole === 1 ? "1 minute" : `${whole} minutes`;
}

export default async function QueuePage() {
  const viewer = await requirePageRole("/admin/queue", "ADMIN");
  const status = await getQueueStatus({ viewer });
  const { queue, certificates, database, workers } = status;
  return (
    <>
      <AutoRefresh seconds={5} />
      <p className="muted">
        <Link href="/admin">Admin</Link> / Grading queue
      </p>
      <h1>Grading queue</h1>
      <p className="muted">Checked {formatDateTime(status.checkedAt)}; refreshes every 5 seconds.</p>

      <h2>Jobs</h2>
      {queue.isReachable ? (
        <div className="grid" data-testid="queue-counts">
          {(
            [
              ["Waiting (gradings and practice checks)", queue.counts.waiting],
              ["Running", queue.counts.running],
              ["Retrying later", queue.counts.delayed],
              ["Failed", queue.counts.failed],
              ["Completed (kept)", queue.counts.completed],
            ] as const
          ).map(([label, count]) => (
            <div className="card" key={label}>
              <div className="muted">{label}</div>
              <div style={{ fontSize: "1.6rem", fontWeight: 700 }}>{count}</div>
            </div>
          ))}
        </div>
      ) : (
        <p className="form-error" role="alert">
          The queue (Redis) cannot be reached: {queue.error} Submissions stay safe in Postgres and are enqueued again
          when it is back.
        </p>
      )}
      <p>
        In Postgres: {database.queued} submissions queued, {database.running} running, {database.practiceRuns} practice
        checks queued or running, {database.pendingOutbox} jobs not yet handed to the queue.
      </p>

      <h2>Certificate issuer</h2>
      {!certificates.isReachable ? (
        <p className="empty">Unknown while the queue cannot be reached.</p>
      ) : certificates.isStalled ? (
        <p className="form-error" role="alert" data-testid="issuer-state">
          {certificates.waiting} certificate checks have been waiting for {minutes(certificates.oldestWaitingMs ?? 0)}:
          the certificate issuer is not taking work. Is <code>npm run issuer</code> running, with the signing key?
        </p>
      ) : (
        <p data-testid="issuer-state">
          {certificates.waiting} certificate checks waiting, {certificates.running} being issued.
        </p>
      )}

      <h2>Workers</h2>
      <DataTable
        caption="Workers"
        rows={workers}
        rowKey={(worker) => worker.id}
        empty={
          <>
            No grader worker has reported in. Start one with <code>npm run worker</code>.
          </>
        }
        columns={[
          {
            key: "worker",
            header: "Worker",
            cell: (worker) => (
              <>
                {worker.hostname} <span className="muted">pid {worker.pid}</span>
              </>
            ),
          },
          {
            key: "state",
            header: "State",
            cell: (worker) =>
              !worker.isAlive ? (
                <span className="badge error">gone</span>
              ) : worker.isGrading ? (
                <span className="badge passed">alive</span>
              ) : (
                <span className="badge queued" title="Its sandbox is incomplete, so it refuses to grade">
                  refusing
                </span>
              ),
          },
          { key: "backend", header: "Backend", cell: (worker) => worker.backend },
          { key: "jobs", header: "Jobs", cell: (worker) => `${worker.activeJobs} of ${worker.concurrency}` },
          { key: "last-seen", header: "Last seen", cell: (worker) => secondsAgo(worker.lastSeenAt, status.checkedAt) },
          { key: "started", header: "Started", cell: (worker) => formatDateTime(worker.startedAt) },
        ]}
      />

      <h2>Failed jobs</h2>
      {!queue.isReachable ? (
        <p className="empty">Unknown while the queue cannot be reached.</p>
      ) : (
        <DataTable
          caption="Failed jobs"
          rows={queue.failedJobs}
          rowKey={(job) => job.id}
          empty="No failed jobs."
          columns={[
            {
              key: "job",
              header: "Job",
              cell: (job) => (
                <>
                  <code>{job.id}</code>
                  {job.isRegrade && <span className="muted"> regrade</span>}
                </>
              ),
            },
            {
              key: "submission",
              header: "Submission",
              cell: (job) =>
                job.submissionId ? <Link href={`/submissions/${job.submissionId}`}>{job.submissionId}</Link> : "—",
            },
            { key: "reason", header: "Reason", cell: (job) => job.reason },
            { key: "tries", header: "Tries", cell: (job) => job.attemptsMade },
            { key: "failed", header: "Failed", cell: (job) => formatDateTime(job.failedAt) },
          ]}
        />
      )}
    </>
  );
}
