import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getSubmissionDetail } from "@/lib/instructor/get-submission-detail";
import { DataTable } from "@/app/_components/data-table";
import { AutoRefresh } from "../../../../_components/auto-refresh";
import { CurvesChart } from "@/app/_components/curves-chart";
import { RunResults } from "@/app/_components/run-results";
import { getLocale } from "@/lib/i18n/locale";
import { StatusBadge } from "@/app/submissions/status-badge";
import { formatDateTime, orPageError } from "../../../../_lib/page-errors";
import { RegradeForm } from "./regrade-form";

export const metadata: Metadata = { title: "Submission · Instructor" };

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return String(Number(value.toPrecision(6)));
  if (typeof value === "string") return value;
  // Metrics are JSON: a list or an object is shown as JSON, not as "[object Object]".
  return JSON.stringify(value);
}

export default async function InstructorSubmissionPage({
  params,
}: {
  params: Promise<{ courseSlug: string; submissionId: string }>;
}) {
  const { courseSlug, submissionId } = await params;
  const viewer = await requirePageRole(
    `/instructor/courses/${courseSlug}/submissions/${submissionId}`,
    "INSTRUCTOR",
    "ADMIN",
  );
  const { submission, history } = await orPageError(getSubmissionDetail({ viewer, courseSlug, submissionId }));
  const locale = await getLocale();
  const isFinished = submission.status !== "QUEUED" && submission.status !== "RUNNING";
  const receipt: [string, unknown][] = [
    ["Code SHA-256", submission.receipt.codeSha256],
    ["Spec SHA-256", submission.receipt.specSha256],
    ["Training data SHA-256", submission.receipt.datasetSha256],
    ["Held-out data SHA-256", submission.receipt.heldOutSha256],
    ["Grader version", submission.receipt.graderVersion],
    ["Backend", submission.receipt.backend],
    ["Seed", submission.receipt.seed],
    [
      "Deterministic",
      submission.receipt.isDeterministic === null ? null : submission.receipt.isDeterministic ? "yes" : "no",
    ],
    ["Training time (ms)", submission.receipt.trainingMs],
    ["Scoring time (ms)", submission.receipt.scoringMs],
  ];
  const labHref = `/instructor/courses/${courseSlug}/labs/${submission.assignment.slug}`;
  return (
    <>
      <AutoRefresh seconds={3} isActive={!isFinished} />
      <p className="muted">
        <Link href="/instructor">Instructor workspace</Link> /{" "}
        <Link href={`/instructor/courses/${courseSlug}`}>{submission.course.title}</Link> /{" "}
        <Link href={labHref}>{submission.assignment.title}</Link> / Submission
      </p>
      <h1>
        {submission.learner.name}, attempt {submission.attemptNumber}
      </h1>
      <p>
        <StatusBadge status={submission.status} />
        {submission.isRegrade && <span className="muted"> regraded</span>} · score {formatValue(submission.score)}{" "}
        (threshold {formatValue(submission.threshold)}) · version {submission.assignment.version} ·{" "}
        {submission.source.toLowerCase()} · {submission.language}
      </p>
      {submission.message && <p>{submission.message}</p>}
      {submission.failureKind && (
        <p className="muted">
          Failure: {submission.failureKind === "PLATFORM" ? "the platform's (not charged)" : "the learner's"} —{" "}
          {submission.failureCode ?? "unclassified"}
        </p>
      )}
      <p className="muted">
        Queued {formatDateTime(submission.queuedAt)} · started {formatDateTime(submission.startedAt)} · finished{" "}
        {formatDateTime(submission.finishedAt)}
      </p>

      <h2>Regrade</h2>
      <RegradeForm courseSlug={courseSlug} submissionId={submission.id} isFinished={isFinished} />

      <h2>Metrics</h2>
      {submission.metrics && Object.keys(submission.metrics).length > 0 ? (
        <dl className="card">
          {Object.entries(submission.metrics).map(([name, value]) => (
            <div key={name} style={{ display: "flex", gap: "1rem" }}>
              <dt style={{ fontWeight: 600 }}>{name}</dt>
              <dd style={{ margin: 0 }}>{formatValue(value)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="empty">No metrics yet.</p>
      )}

      {submission.receipt.certification && submission.receipt.certification.plannedRuns > 1 && (
        <RunResults certification={submission.receipt.certification} metric={submission.metric} locale={locale} />
      )}
      <h2>Training curves</h2>
      <CurvesChart points={submission.curves} locale={locale} />

      <h2>Logs</h2>
      {submission.logs ? (
        <pre className="card" style={{ overflowX: "auto", maxHeight: "24rem" }} data-testid="submission-logs">
          {submission.logs}
        </pre>
      ) : (
        <p className="empty">No log output.</p>
      )}

      <h2>Code</h2>
      <pre className="card" style={{ overflowX: "auto", maxHeight: "32rem" }} data-testid="submission-code">
        <code>{submission.code}</code>
      </pre>

      <h2>Grading receipt</h2>
      <DataTable
        caption="Grading receipt"
        rows={receipt}
        rowKey={([label]) => label}
        columns={[
          { key: "field", header: "Field", isRowHeader: true, cell: ([label]) => label },
          { key: "value", header: "Value", style: { wordBreak: "break-all" }, cell: ([, value]) => formatValue(value) },
        ]}
      />

      <h2>History</h2>
      {history.length === 0 ? (
        <p className="empty">No instructor has acted on this submission.</p>
      ) : (
        <ul>
          {history.map((entry) => (
            <li key={entry.id}>
              {formatDateTime(entry.createdAt)} · {entry.actor?.name ?? "the platform"} · {entry.action}
              {typeof entry.details === "object" &&
              entry.details !== null &&
              "reason" in entry.details &&
              typeof entry.details.reason === "string"
                ? `: ${entry.details.reason}`
                : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
