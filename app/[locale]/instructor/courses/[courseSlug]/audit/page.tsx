import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import type { Locale } from "@/lib/courses/content-schema";
import { getLocale } from "@/lib/i18n/locale";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { submissionStatusText } from "@/lib/i18n/status-messages";
import { listCourseAuditLog, type RegradeChange } from "@/lib/instructor/list-course-audit-log";
import type { RegradeSide } from "@/lib/instructor/record-regrade-outcome";
import { formatMetric, STATUS_TEXT, type SubmissionStatusName } from "@/lib/submissions/format";
import { DataTable } from "@/app/_components/data-table";
import { Pagination } from "../../../_components/pagination";
import { firstValues, formatDateTime, orPageError } from "../../../_lib/page-errors";
import { taughtTitles } from "../../../_lib/taught-titles";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata({ params }: { params: Promise<{ courseSlug: string }> }): Promise<Metadata> {
  const locale = await getLocale();
  const t = staffMessagesFor(locale).audit;
  return { title: t.title((await taughtTitles(locale, (await params).courseSlug))?.course ?? t.crumb) };
}

function isStatusName(status: string): status is SubmissionStatusName {
  return status in STATUS_TEXT;
}

/** "94.70% (Passed)": a result as the learner's pages show it. */
function describeSide(side: RegradeSide, metricName: RegradeChange["metricName"], locale: Locale): string {
  const score = side.score === null ? "—" : metricName ? formatMetric(metricName, side.score) : String(side.score);
  const status = isStatusName(side.status) ? submissionStatusText(locale)[side.status] : side.status;
  return `${score} (${status})`;
}

/** The details worth a glance in a table cell; the full JSON is one click away. */
function summary(details: unknown, regrade: RegradeChange | null, locale: Locale): string {
  const t = staffMessagesFor(locale).audit;
  const parts: string[] = [];
  if (regrade) {
    if (regrade.before) parts.push(t.before(describeSide(regrade.before, regrade.metricName, locale)));
    parts.push(regrade.after ? t.after(describeSide(regrade.after, regrade.metricName, locale)) : t.pending);
  }
  if (typeof details !== "object" || details === null) return parts.join(" · ");
  const record = details as Record<string, unknown>;
  if (typeof record.reason === "string") parts.push(`“${record.reason}”`);
  if (typeof record.total === "number") parts.push(t.submissions(record.total));
  if (typeof record.extraAttempts === "number") parts.push(t.extraAttempts(record.extraAttempts));
  if (typeof record.deadline === "string") parts.push(t.deadline(record.deadline.slice(0, 16).replace("T", " ")));
  if (typeof record.email === "string") parts.push(record.email);
  return parts.join(" · ");
}

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ courseSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}/audit`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const text = staffMessagesFor(locale);
  const t = text.audit;
  const log = await orPageError(
    listCourseAuditLog({ viewer, courseSlug, query: firstValues(await searchParams), locale }),
  );
  const base = `/instructor/courses/${log.course.slug}`;
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{text.common.workspace}</Link> / <Link href={base}>{log.course.title}</Link> /{" "}
        {t.crumb}
      </p>
      <h1>{t.heading(log.course.title)}</h1>
      <p className="muted">{t.intro}</p>
      <DataTable
        caption={t.crumb}
        rows={log.entries}
        rowKey={(entry) => entry.id}
        testId="audit-log"
        empty={log.page > 1 ? t.emptyPage : t.empty}
        columns={[
          { key: "when", header: t.when, cell: (entry) => formatDateTime(entry.createdAt) },
          { key: "who", header: t.who, cell: (entry) => (entry.actor ? entry.actor.name : text.common.platform) },
          {
            key: "action",
            header: t.action,
            // The human label; the stored name stays available to whoever copies it into a query.
            cell: (entry) => <span title={entry.action}>{t.actions[entry.action] ?? t.otherAction}</span>,
          },
          {
            key: "on",
            header: t.on,
            cell: (entry) =>
              entry.targetType === "submission" ? (
                <Link href={`${base}/submissions/${entry.targetId}`}>{t.target.submission}</Link>
              ) : (
                (t.target[entry.targetType] ?? entry.targetType)
              ),
          },
          {
            key: "details",
            header: t.details,
            cell: (entry) => (
              <>
                {summary(entry.details, entry.regrade, locale)}
                <details>
                  <summary className="muted">{t.allDetails}</summary>
                  <pre
                    translate="no"
                    style={{ whiteSpace: "pre-wrap", wordBreak: "break-all", maxHeight: "16rem", overflow: "auto" }}
                  >
                    {JSON.stringify(entry.details, null, 2)}
                  </pre>
                </details>
              </>
            ),
          },
        ]}
      />
      {log.entries.length > 0 && (
        <Pagination
          page={log.page}
          pageCount={log.pageCount}
          hrefFor={(page) => `${base}/audit?page=${page}`}
          locale={locale}
        />
      )}
    </>
  );
}
