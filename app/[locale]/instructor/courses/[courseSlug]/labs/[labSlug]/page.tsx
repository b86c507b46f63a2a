import type { Metadata } from "next";
import { Field, FieldError, SelectField } from "@/app/_components/field";
import { requirePageRole } from "@/app/_lib/page-guards";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { getRegradeProgress } from "@/lib/instructor/get-regrade-progress";
import { listSubmissions, type SubmissionList } from "@/lib/instructor/list-submissions";
import { requireTaughtAssignment } from "@/lib/instructor/course-access";
import { DataTable } from "@/app/_components/data-table";
import { LearnerCell } from "../../../../_components/learner-cell";
import { Pagination } from "../../../../_components/pagination";
import { StatusBadge } from "@/app/[locale]/submissions/status-badge";
import { firstValues, formatDateTime, orPageError } from "../../../../_lib/page-errors";
import { RegradeAllPanel } from "./regrade-all-panel";
import { getLocale } from "@/lib/i18n/locale";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { similarityMessagesFor } from "@/lib/i18n/similarity-messages";
import { submissionStatusText } from "@/lib/i18n/status-messages";
import { formatMetric } from "@/lib/submissions/format";
import { taughtTitles } from "../../../../_lib/taught-titles";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ courseSlug: string; labSlug: string }>;
}): Promise<Metadata> {
  const { courseSlug, labSlug } = await params;
  const locale = await getLocale();
  const t = staffMessagesFor(locale).lab;
  return { title: t.title((await taughtTitles(locale, courseSlug, labSlug))?.lab ?? t.crumb) };
}

/** The statuses a filter offers, in the order of a submission's life. */
const FILTER_STATUSES = ["QUEUED", "RUNNING", "PASSED", "FAILED", "ERROR"] as const;

const FILTER_NAMES = ["learner", "status", "minScore", "maxScore", "from", "to"] as const;

interface LabPageProps {
  params: Promise<{ courseSlug: string; labSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function InstructorLabPage({ params, searchParams }: LabPageProps) {
  const { courseSlug, labSlug } = await params;
  const base = `/instructor/courses/${courseSlug}/labs/${labSlug}`;
  const viewer = await requirePageRole(base, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const text = staffMessagesFor(locale);
  const t = text.lab;
  const statusText = submissionStatusText(locale);
  const { course, assignment } = await orPageError(requireTaughtAssignment(viewer, courseSlug, labSlug, locale));
  const raw = firstValues(await searchParams);

  let list: SubmissionList | null = null;
  let filterErrors: FieldErrors = {};
  try {
    list = await orPageError(listSubmissions({ viewer, courseSlug, assignmentSlug: labSlug, filters: raw, locale }));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    filterErrors = error.fieldErrors;
  }
  const progress = await orPageError(getRegradeProgress({ viewer, courseSlug, assignmentSlug: labSlug }));

  const isFiltered = FILTER_NAMES.some((name) => raw[name]);
  const hrefFor = (page: number) => {
    const query = new URLSearchParams();
    for (const name of FILTER_NAMES) {
      const value = raw[name];
      if (value) query.set(name, value);
    }
    query.set("page", String(page));
    return `${base}?${query.toString()}`;
  };

  return (
    <>
      <p className="muted">
        <Link href="/instructor">{text.common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> / {t.crumb}
      </p>
      <h1>{t.heading(assignment.title)}</h1>
      <p>
        <Link href={`${base}/extensions`}>{t.extensionsLink}</Link> ·{" "}
        <Link href={`${base}/grade`}>{reviewMessagesFor(locale).queue.link}</Link> ·{" "}
        <Link href={`${base}/similarity`}>{similarityMessagesFor(locale).link}</Link>
      </p>

      <form
        method="get"
        action={base}
        className="card"
        aria-label={t.filter}
        noValidate
        style={{
          display: "grid",
          gap: "0.75rem",
          gridTemplateColumns: "repeat(auto-fill, minmax(12rem, 1fr))",
          alignItems: "end",
        }}
      >
        <Field
          name="learner"
          label={text.common.learner}
          defaultValue={raw.learner ?? ""}
          errors={filterErrors.learner}
          placeholder={t.learnerPlaceholder}
        />
        <SelectField name="status" label={t.status} defaultValue={raw.status ?? ""} errors={filterErrors.status}>
          <option value="">{t.anyStatus}</option>
          {FILTER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusText[status]}
            </option>
          ))}
        </SelectField>
        <Field
          name="minScore"
          label={t.lowest}
          inputMode="decimal"
          defaultValue={raw.minScore ?? ""}
          errors={filterErrors.minScore}
        />
        <Field
          name="maxScore"
          label={t.highest}
          inputMode="decimal"
          defaultValue={raw.maxScore ?? ""}
          errors={filterErrors.maxScore}
        />
        <Field name="from" label={t.from} type="date" defaultValue={raw.from ?? ""} errors={filterErrors.from} />
        <Field name="to" label={t.to} type="date" defaultValue={raw.to ?? ""} errors={filterErrors.to} />
        <FieldError errors={filterErrors.page} />
        <div style={{ display: "flex", gap: "0.75rem", alignItems: "center" }}>
          <button type="submit" className="button">
            {t.apply}
          </button>
          {isFiltered && <Link href={base}>{t.clear}</Link>}
        </div>
      </form>

      <h2>{list ? t.submissionsCount(list.total) : t.submissions}</h2>
      {!list ? (
        <p className="empty">{t.fixFilters}</p>
      ) : (
        <>
          <DataTable
            caption={t.submissions}
            rows={list.submissions}
            rowKey={(submission) => submission.id}
            empty={isFiltered ? t.noMatch : t.noneYet}
            columns={[
              {
                key: "learner",
                header: text.common.learner,
                cell: (submission) => <LearnerCell user={submission.user} />,
              },
              { key: "attempt", header: t.attempt, cell: (submission) => submission.attemptNumber },
              {
                key: "status",
                header: t.status,
                cell: (submission) => (
                  <>
                    <StatusBadge status={submission.status} locale={locale} />
                    {submission.isRegrade && <span className="muted"> {text.common.regraded}</span>}
                    {submission.failureKind === "PLATFORM" && <span className="muted"> {text.common.notCharged}</span>}
                  </>
                ),
              },
              {
                key: "score",
                header: t.score,
                // The learner's own formatting (94.70%, not 0.947), so both read the same result the same way.
                cell: (submission) =>
                  submission.score === null
                    ? text.common.none
                    : list.metricName
                      ? formatMetric(list.metricName, submission.score)
                      : Number(submission.score.toPrecision(4)),
              },
              {
                key: "submitted",
                header: text.common.submitted,
                cell: (submission) => formatDateTime(submission.createdAt),
              },
              {
                key: "open",
                header: <span className="muted">{text.common.details}</span>,
                cell: (submission) => (
                  <Link
                    href={`/instructor/courses/${course.slug}/submissions/${submission.id}`}
                    aria-label={t.openAttempt(submission.user.name, submission.attemptNumber)}
                  >
                    {text.common.open}
                  </Link>
                ),
              },
            ]}
          />
          {list.submissions.length > 0 && (
            <Pagination page={list.page} pageCount={list.pageCount} hrefFor={hrefFor} locale={locale} />
          )}
        </>
      )}

      <div style={{ marginTop: "2rem" }}>
        <RegradeAllPanel
          courseSlug={course.slug}
          assignmentSlug={assignment.slug}
          initialProgress={progress}
          locale={locale}
        />
      </div>
    </>
  );
}
