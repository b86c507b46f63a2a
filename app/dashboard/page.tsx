import type { Metadata } from "next";
import Link from "next/link";
import { localize } from "@/lib/courses/localize";
import { getDashboard } from "@/lib/users/get-dashboard";
import { requirePageUser } from "../_lib/page-guards";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requirePageUser("/dashboard");
  const { user, enrolments, submissions, certificates } = await getDashboard();
  return (
    <>
      <h1>Welcome, {user.name}</h1>
      <p className="muted">
        Signed in as {user.email} · <span data-testid="role">{user.role.toLowerCase()}</span>
      </p>

      <h2>Your courses</h2>
      {enrolments.length === 0 ? (
        <p className="empty">
          You are not enrolled in a course yet. <Link href="/">Browse the catalogue</Link> to start one.
        </p>
      ) : (
        <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
          {enrolments.map(({ course, role }) => (
            <li key={course.slug} className="card">
              <h3 style={{ marginTop: 0 }}>{localize(course.title)}</h3>
              <p className="muted">
                {role === "INSTRUCTOR" ? "You teach this course" : `${course._count.lessons} lessons`}
              </p>
              <Link href={`/courses/${course.slug}`}>Continue</Link>
            </li>
          ))}
        </ul>
      )}

      <h2>Recent submissions</h2>
      {submissions.length === 0 ? (
        <p className="empty">No submissions yet. Labs appear in each course; your graded work will be listed here.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Lab</th>
                <th scope="col">Status</th>
                <th scope="col">Score</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {submissions.map((submission) => (
                <tr key={submission.id}>
                  <td>
                    <Link href={`/submissions/${submission.id}`}>{localize(submission.assignment.title)}</Link>
                  </td>
                  <td>
                    <span className={`badge ${submission.status.toLowerCase()}`}>{submission.status.toLowerCase()}</span>
                  </td>
                  <td>{submission.score === null ? "—" : submission.score.toFixed(4)}</td>
                  <td>{submission.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Certificates</h2>
      {certificates.length === 0 ? (
        <p className="empty">No certificates yet. Pass a course and yours will appear here, with a link anyone can verify.</p>
      ) : (
        <ul>
          {certificates.map((certificate) => (
            <li key={certificate.publicId}>
              <Link href={`/verify/${certificate.publicId}`}>{localize(certificate.course.title)}</Link>{" "}
              <span className="muted">issued {certificate.issuedAt.toISOString().slice(0, 10)}</span>
              {certificate.revokedAt && <span className="badge failed"> revoked</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
