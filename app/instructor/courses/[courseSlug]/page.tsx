import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getCourseOverview } from "@/lib/instructor/get-course-overview";
import { listCourseCertificates } from "@/lib/instructor/list-course-certificates";
import { orPageError } from "../../_lib/page-errors";

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
        {overview.learnerCount} learners · <Link href={`${base}/gradebook`}>Gradebook</Link> · <Link href={`${base}/audit`}>Audit log</Link>
      </p>
      <h2>Labs</h2>
      {overview.assignments.length === 0 ? (
        <p className="empty">This course has no labs yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Lab</th>
                <th scope="col">Submissions</th>
                <th scope="col">Being graded</th>
                <th scope="col">Extensions</th>
              </tr>
            </thead>
            <tbody>
              {overview.assignments.map((assignment) => (
                <tr key={assignment.slug}>
                  <td>
                    <Link href={`${base}/labs/${assignment.slug}`}>{assignment.title}</Link>
                    {!assignment.isGraded && <span className="muted"> (practice)</span>}
                  </td>
                  <td>{assignment.submissionCount}</td>
                  <td>{assignment.inFlightCount}</td>
                  <td>
                    <Link href={`${base}/labs/${assignment.slug}/extensions`} aria-label={`Extensions for ${assignment.title}`}>
                      {assignment.extensionCount}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Certificates</h2>
      {certificates.length === 0 ? (
        <p className="empty">No learner has earned this course&apos;s certificate yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="course-certificates">
            <thead>
              <tr>
                <th scope="col">Holder</th>
                <th scope="col">Issued</th>
                <th scope="col">Score</th>
                <th scope="col">Status</th>
                <th scope="col">Revoke, suspend or reinstate</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((certificate) => (
                <tr key={certificate.publicId}>
                  <td>
                    {certificate.holderName} <span className="muted">({certificate.user.email})</span>
                  </td>
                  <td>{certificate.issuedAt.toISOString().slice(0, 10)}</td>
                  <td>
                    {certificate.score.toFixed(1)}% <span className="muted">(pass {certificate.passMark}%)</span>
                  </td>
                  <td>
                    <span className={`badge ${certificate.status === "valid" ? "passed" : "failed"}`}>{certificate.status}</span>
                  </td>
                  <td>
                    <Link href={`/verify/${certificate.publicId}`}>Open</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
