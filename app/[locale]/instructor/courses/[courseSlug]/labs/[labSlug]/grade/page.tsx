import type { Metadata } from "next";
import { DataTable } from "@/app/_components/data-table";
import { requirePageRole } from "@/app/_lib/page-guards";
import { StatusBadge } from "@/app/[locale]/submissions/status-badge";
import { getLocale } from "@/lib/i18n/locale";
import { Link } from "@/lib/i18n/navigation";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { listGradingQueue } from "@/lib/review/list-grading-queue";
import { formatMetric } from "@/lib/submissions/format";
import { LearnerCell } from "../../../../../_components/learner-cell";
import { orPageError } from "../../../../../_lib/page-errors";
import { taughtTitles } from "../../../../../_lib/taught-titles";
import { ReleaseAllButton } from "./release-all-button";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ courseSlug: string; labSlug: string }>;
}): Promise<Metadata> {
  const { courseSlug, labSlug } = await params;
  const locale = await getLocale();
  const t = reviewMessagesFor(locale).queue;
  return { title: t.title((await taughtTitles(locale, courseSlug, labSlug))?.lab ?? t.heading) };
}

export default async function GradingQueuePage({
  params,
}: {
  params: Promise<{ courseSlug: string; labSlug: string }>;
}) {
  const { courseSlug, labSlug } = await params;
  const base = `/instructor/courses/${courseSlug}/labs/${labSlug}`;
  const viewer = await requirePageRole(`${base}/grade`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const t = reviewMessagesFor(locale).queue;
  const staff = staffMessagesFor(locale);
  const { course, assignment, rubric, metricName, entries } = await orPageError(
    listGradingQueue({ viewer, courseSlug, labSlug, locale }),
  );
  const hasDrafts = entries.some((entry) => entry.reviewState === "DRAFT");
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{staff.common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> /{" "}
        <Link href={base}>{assignment.title}</Link> / {t.heading}
      </p>
      <h1>{t.title(assignment.title)}</h1>
      {!rubric ? (
        <p className="empty">{t.noRubric}</p>
      ) : (
        <>
          <p>{t.intro}</p>
          {hasDrafts && <ReleaseAllButton courseSlug={course.slug} labSlug={assignment.slug} locale={locale} />}
          <DataTable
            caption={t.caption}
            rows={entries}
            rowKey={(entry) => entry.submissionId}
            empty={t.empty}
            columns={[
              {
                key: "learner",
                header: t.learner,
                isRowHeader: true,
                cell: (entry) => <LearnerCell user={entry.learner} />,
              },
              { key: "attempt", header: t.attempt, cell: (entry) => entry.attemptNumber },
              {
                key: "autograder",
                header: t.autograder,
                cell: (entry) => (
                  <>
                    <StatusBadge status={entry.status} locale={locale} />{" "}
                    {entry.score === null || !metricName ? "—" : formatMetric(metricName, entry.score)}
                  </>
                ),
              },
              {
                key: "state",
                header: t.state,
                cell: (entry) => <span data-testid="review-state">{t.states[entry.reviewState]}</span>,
              },
              {
                key: "open",
                header: t.open,
                cell: (entry) => <Link href={`${base}/grade/${entry.submissionId}`}>{t.open}</Link>,
              },
            ]}
          />
        </>
      )}
    </>
  );
}
