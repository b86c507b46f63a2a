import type { Metadata } from "next";
import Link from "next/link";
import { getQueueStatus } from "@/lib/admin/get-queue-status";
import { requirePageRole } from "../../_lib/page-guards";
import { AutoRefresh } from "../../instructor/_components/auto-refresh";

export const metadata: Metadata = { title: "Grading queue · Admin" };

// Read on every request: it is a live view.
export const dynamic = "force-dynamic";

function formatDateTime(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 19).replace("T", " ")} UTC` : "—";
}

function secondsAgo(date: Date, now: Date): string {
  return `${Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000))} s ago`;
}

export default async function QueuePage() {
  const viewer = await requirePageRole("/admin/queue", "ADMIN");
  const status = await getQueueStatus({ viewer });
  const { queue, database, workers } = status;
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
              ["Waiting", queue.counts.waiting],
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
          The queue (Redis) cannot be reached: {queue.error} Submissions stay safe in Postgres and are enqueued again when it is back.
        </p>
      )}
      <p>
        In Postgres: {database.queued} submissions queued, {database.running} running, {database.pendingOutbox} jobs not yet handed to the queue.
      </p>

      <h2>Workers</h2>
      {workers.length === 0 ? (
        <p className="empty">No grader worker has reported in. Start one with <code>npm run worker</code>.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col">State</th>
                <th scope="col">Backend</th>
                <th scope="col">Jobs</th>
                <th scope="col">Last seen</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {workers.map((worker) => (
                <tr key={worker.id}>
                  <td>
                    {worker.hostname} <span className="muted">pid {worker.pid}</span>
                  </td>
                  <td>
                    {!worker.isAlive ? (
                      <span className="badge error">gone</span>
                    ) : worker.isGrading ? (
                      <span className="badge passed">alive</span>
                    ) : (
                      <span className="badge queued" title="Its sandbox is incomplete, so it refuses to grade">refusing</span>
                    )}
                  </td>
                  <td>{worker.backend}</td>
                  <td>
                    {worker.activeJobs} of {worker.concurrency}
                  </td>
                  <td>{secondsAgo(worker.lastSeenAt, status.checkedAt)}</td>
                  <td>{formatDateTime(worker.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Failed jobs</h2>
      {!queue.isReachable ? (
        <p className="empty">Unknown while the queue cannot be reached.</p>
      ) : queue.failedJobs.length === 0 ? (
        <p className="empty">No failed jobs.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Submission</th>
                <th scope="col">Reason</th>
                <th scope="col">Tries</th>
                <th scope="col">Failed</th>
              </tr>
            </thead>
            <tbody>
              {queue.failedJobs.map((job) => (
                <tr key={job.id}>
                  <td>
                    <code>{job.id}</code>
                    {job.isRegrade && <span className="muted"> regrade</span>}
                  </td>
                  <td>{job.submissionId ? <Link href={`/submissions/${job.submissionId}`}>{job.submissionId}</Link> : "—"}</td>
                  <td>{job.reason}</td>
                  <td>{job.attemptsMade}</td>
                  <td>{formatDateTime(job.failedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
