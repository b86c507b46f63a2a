import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getCourseOverview } from "@/lib/instructor/get-course-overview";
import { orPageError } from "../../_lib/page-errors";

export const metadata: Metadata = { title: "Course · Instructor" };

export default async function InstructorCoursePage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}`, "INSTRUCTOR", "ADMIN");
  const overview = await orPageError(getCourseOverview({ viewer, courseSlug }));
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
    </>
  );
}
