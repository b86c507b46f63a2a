import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getSubmissionDetail } from "@/lib/instructor/get-submission-detail";
import { formatValue, SubmissionReceiptTable } from "../../../../_components/submission-receipt";
import { AutoRefresh } from "../../../../_components/auto-refresh";
import { CurvesChart } from "@/app/_components/curves-chart";
import { RunResults } from "@/app/_components/run-results";
import { getLocale } from "@/lib/i18n/locale";
import { StatusBadge } from "@/app/[locale]/submissions/status-badge";
import { formatDateTime, orPageError } from "../../../../_lib/page-errors";
import { RegradeForm } from "./regrade-form";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { formatMetric } from "@/lib/submissions/format";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: staffMessagesFor(await getLocale()).submission.title };
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
  const locale = await getLocale();
  const text = staffMessagesFor(locale);
  const t = text.submission;
  const { submission, history } = await orPageError(getSubmissionDetail({ viewer, courseSlug, submissionId, locale }));
  const score = (value: number | null) =>
    value === null ? text.common.none : formatMetric(submission.metric.name, value);
  const isFinished = submission.status !== "QUEUED" && submission.status !== "RUNNING";
  const labHref = `/instructor/courses/${courseSlug}/labs/${submission.assignment.slug}`;
  return (
    <>
      <AutoRefresh seconds={3} isActive={!isFinished} />
      <p className="muted">
        <Link href="/instructor">{text.common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${courseSlug}`}>{submission.course.title}</Link> /{" "}
        <Link href={labHref}>{submission.assignment.title}</Link> / {t.crumb}
      </p>
      <h1>{t.heading(submission.learner.name, submission.attemptNumber)}</h1>
      <p>
        <StatusBadge status={submission.status} locale={locale} />
        {submission.isRegrade && <span className="muted"> {text.common.regraded}</span>} ·{" "}
        <span data-testid="submission-score">{t.score(score(submission.score), score(submission.threshold))}</span> ·{" "}
        {t.version(submission.assignment.version)} · {t.source[submission.source]} · <code>{submission.language}</code>
      </p>
      {submission.message && <p>{submission.message}</p>}
      {submission.failureKind && (
        <p className="muted">
          {t.failure(submission.failureKind === "PLATFORM", submission.failureCode ?? t.unclassified)}
        </p>
      )}
      <p className="muted">
        {t.times(
          formatDateTime(submission.queuedAt),
          formatDateTime(submission.startedAt),
          formatDateTime(submission.finishedAt),
        )}
      </p>

      <h2>{t.regrade}</h2>
      <RegradeForm courseSlug={courseSlug} submissionId={submission.id} isFinished={isFinished} locale={locale} />

      <h2>{t.metrics}</h2>
      {submission.metrics && Object.keys(submission.metrics).length > 0 ? (
        <dl className="card">
          {Object.entries(submission.metrics).map(([name, value]) => (
            <div key={name} style={{ display: "flex", gap: "1rem" }}>
              <dt style={{ fontWeight: 600 }}>
                <code>{name}</code>
              </dt>
              <dd style={{ margin: 0 }}>{formatValue(value)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="empty">{t.noMetrics}</p>
      )}

      {submission.receipt.certification && submission.receipt.certification.plannedRuns > 1 && (
        <RunResults certification={submission.receipt.certification} metric={submission.metric} locale={locale} />
      )}
      <h2>{t.curves}</h2>
      <CurvesChart points={submission.curves} locale={locale} />

      <h2>{t.logs}</h2>
      {submission.logs ? (
        <pre className="card" style={{ overflowX: "auto", maxHeight: "24rem" }} data-testid="submission-logs">
          {submission.logs}
        </pre>
      ) : (
        <p className="empty">{t.noLogs}</p>
      )}

      <h2>{t.code}</h2>
      <pre className="card" style={{ overflowX: "auto", maxHeight: "32rem" }} data-testid="submission-code">
        <code>{submission.code}</code>
      </pre>

      <h2>{t.receipt}</h2>
      <SubmissionReceiptTable submission={submission} locale={locale} />

      <h2>{t.history}</h2>
      {history.length === 0 ? (
        <p className="empty">{t.noHistory}</p>
      ) : (
        <ul>
          {history.map((entry) => (
            <li key={entry.id}>
              {formatDateTime(entry.createdAt)} · {entry.actor?.name ?? text.common.platform} ·{" "}
              {text.audit.actions[entry.action] ?? text.audit.otherAction}
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
