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
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Submissions · Instructor" };

const FILTER_NAMES = ["learner", "status", "minScore", "maxScore", "from", "to"] as const;

interface LabPageProps {
  params: Promise<{ courseSlug: string; labSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function InstructorLabPage({ params, searchParams }: LabPageProps) {
  const { courseSlug, labSlug } = await params;
  const base = `/instructor/courses/${courseSlug}/labs/${labSlug}`;
  const viewer = await requirePageRole(base, "INSTRUCTOR", "ADMIN");
  const { course, assignment } = await orPageError(requireTaughtAssignment(viewer, courseSlug, labSlug));
  const raw = firstValues(await searchParams);

  let list: SubmissionList | null = null;
  let filterErrors: FieldErrors = {};
  try {
    list = await orPageError(listSubmissions({ viewer, courseSlug, assignmentSlug: labSlug, filters: raw }));
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
        <Link href="/instructor">Instructor workspace</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> / Lab
      </p>
      <h1>{assignment.title}: submissions</h1>
      <p>
        <Link href={`${base}/extensions`}>Extensions of deadline and attempts</Link>
      </p>

      <form
        method="get"
        action={base}
        className="card"
        aria-label="Filter submissions"
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
          label="Learner"
          defaultValue={raw.learner ?? ""}
          errors={filterErrors.learner}
          placeholder="Name or email"
        />
        <SelectField name="status" label="Status" defaultValue={raw.status ?? ""} errors={filterErrors.status}>
          <option value="">Any</option>
          <option value="QUEUED">Queued</option>
          <option value="RUNNING">Running</option>
          <option value="PASSED">Passed</option>
          <option value="FAILED">Failed</option>
          <option value="ERROR">Error</option>
        </SelectField>
        <Field
          name="minScore"
          label="Lowest score"
          inputMode="decimal"
          defaultValue={raw.minScore ?? ""}
          errors={filterErrors.minScore}
        />
        <Field
          name="maxScore"
          label="Highest score"
          inputMode="decimal"
          defaultValue={raw.maxScore ?? ""}
          errors={filterErrors.maxScore}
        />
        <Field
          name="from"
          label="From (UTC day)"
          type="date"
          defaultValue={raw.from ?? ""}
          errors={filterErrors.from}
        />
        <Field name="to" label="To (UTC day)" type="date" defaultValue={raw.to ?? ""} errors={filterErrors.to} />
        <FieldError errors={filterErrors.page} />
        <div style={{ display: "flex", gap: "0.75rem", alignItems: "center" }}>
          <button type="submit" className="button">
            Filter
          </button>
          {isFiltered && <Link href={base}>Clear</Link>}
        </div>
      </form>

      <h2>Submissions{list ? ` (${list.total})` : ""}</h2>
      {!list ? (
        <p className="empty">Correct the highlighted filters to see submissions.</p>
      ) : (
        <>
          <DataTable
            caption="Submissions"
            rows={list.submissions}
            rowKey={(submission) => submission.id}
            empty={isFiltered ? "No submissions match these filters." : "Nobody has submitted to this lab yet."}
            columns={[
              { key: "learner", header: "Learner", cell: (submission) => <LearnerCell user={submission.user} /> },
              { key: "attempt", header: "Attempt", cell: (submission) => submission.attemptNumber },
              {
                key: "status",
                header: "Status",
                cell: (submission) => (
                  <>
                    <StatusBadge status={submission.status} />
                    {submission.isRegrade && <span className="muted"> regraded</span>}
                    {submission.failureKind === "PLATFORM" && <span className="muted"> (platform, not charged)</span>}
                  </>
                ),
              },
              {
                key: "score",
                header: "Score",
                cell: (submission) => (submission.score === null ? "—" : Number(submission.score.toPrecision(4))),
              },
              { key: "submitted", header: "Submitted", cell: (submission) => formatDateTime(submission.createdAt) },
              {
                key: "open",
                header: <span className="muted">Details</span>,
                cell: (submission) => (
                  <Link
                    href={`/instructor/courses/${course.slug}/submissions/${submission.id}`}
                    aria-label={`Open ${submission.user.name}'s attempt ${submission.attemptNumber}`}
                  >
                    Open
                  </Link>
                ),
              },
            ]}
          />
          {list.submissions.length > 0 && <Pagination page={list.page} pageCount={list.pageCount} hrefFor={hrefFor} />}
        </>
      )}

      <div style={{ marginTop: "2rem" }}>
        <RegradeAllPanel courseSlug={course.slug} assignmentSlug={assignment.slug} initialProgress={progress} />
      </div>
    </>
  );
}
