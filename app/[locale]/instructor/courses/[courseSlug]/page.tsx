import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getCourseOverview } from "@/lib/instructor/get-course-overview";
import { listCourseCertificates } from "@/lib/instructor/list-course-certificates";
import { DataTable } from "@/app/_components/data-table";
import { orPageError } from "../../_lib/page-errors";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Course · Instructor" };

export default async function InstructorCoursePage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}`, "INSTRUCTOR", "ADMIN");
  const [overview, certificates] = await Promise.all([
    orPageError(getCourseOverview({ viewer, courseSlug })),
    orPageError(listCourseCertificates({ viewer, courseSlug })),
  ]);
  const base = `/instructor/courses/${overview.course.slug}`;
  return (
    <>
      <p className="muted">
        <Link href="/instructor">Instructor workspace</Link> / Course
      </p>
      <h1>{overview.course.title}</h1>
      <p>
        {overview.learnerCount} learners · <Link href={`${base}/gradebook`}>Gradebook</Link> ·{" "}
        <Link href={`${base}/audit`}>Audit log</Link>
      </p>
      <h2>Labs</h2>
      <DataTable
        caption="Labs"
        rows={overview.assignments}
        rowKey={(assignment) => assignment.slug}
        empty="This course has no labs yet."
        columns={[
          {
            key: "lab",
            header: "Lab",
            cell: (assignment) => (
              <>
                <Link href={`${base}/labs/${assignment.slug}`}>{assignment.title}</Link>
                {!assignment.isGraded && <span className="muted"> (practice)</span>}
              </>
            ),
          },
          { key: "submissions", header: "Submissions", cell: (assignment) => assignment.submissionCount },
          { key: "in-flight", header: "Being graded", cell: (assignment) => assignment.inFlightCount },
          {
            key: "extensions",
            header: "Extensions",
            cell: (assignment) => (
              <Link
                href={`${base}/labs/${assignment.slug}/extensions`}
                aria-label={`Extensions for ${assignment.title}`}
              >
                {assignment.extensionCount}
              </Link>
            ),
          },
        ]}
      />
      <h2>Certificates</h2>
      <DataTable
        caption="Certificates"
        rows={certificates}
        rowKey={(certificate) => certificate.publicId}
        testId="course-certificates"
        empty="No learner has earned this course's certificate yet."
        columns={[
          {
            key: "holder",
            header: "Holder",
            cell: (certificate) => (
              <>
                {certificate.holderName} <span className="muted">({certificate.user.email})</span>
              </>
            ),
          },
          { key: "issued", header: "Issued", cell: (certificate) => certificate.issuedAt.toISOString().slice(0, 10) },
          {
            key: "score",
            header: "Score",
            cell: (certificate) => (
              <>
                {certificate.score.toFixed(1)}% <span className="muted">(pass {certificate.passMark}%)</span>
              </>
            ),
          },
          {
            key: "status",
            header: "Status",
            cell: (certificate) => (
              <span className={`badge ${certificate.status === "valid" ? "passed" : "failed"}`}>
                {certificate.status}
              </span>
            ),
          },
          {
            key: "open",
            header: "Revoke, suspend or reinstate",
            cell: (certificate) => <Link href={`/verify/${certificate.publicId}`}>Open</Link>,
          },
        ]}
      />
    </>
  );
}
