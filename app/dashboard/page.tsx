import type { Metadata } from "next";
import Link from "next/link";
import { getLocale } from "@/lib/i18n/locale";
import { getDashboard } from "@/lib/users/get-dashboard";
import { DataTable } from "@/app/_components/data-table";
import { requirePageUser } from "../_lib/page-guards";
import { LiveStatusBadge } from "../submissions/live-status-badge";
import { CertificatesSection } from "./certificates-section";
import { StaffDashboard } from "./staff-dashboard";

export const metadata: Metadata = { title: "Dashboard" };

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export default async function DashboardPage() {
  const user = await requirePageUser("/dashboard");
  // Someone who teaches sees what they teach; the learner's sections would all be empty for them.
  if (user.role !== "LEARNER") return <StaffDashboard user={user} locale={await getLocale()} />;
  const { courses, submissions } = await getDashboard(user, await getLocale());
  const MAX_FOLLOWED = 3;
  const followed = new Set(
    submissions
      .filter((submission) => submission.status === "QUEUED" || submission.status === "RUNNING")
      .slice(0, MAX_FOLLOWED)
      .map((submission) => submission.id),
  );
  return (
    <>
      <h1>Welcome, {user.name}</h1>
      <p className="muted">
        Signed in as {user.email} · <span data-testid="role">{user.role.toLowerCase()}</span>
      </p>

      <h2>Your courses</h2>
      {courses.length === 0 ? (
        <p className="empty">
          You are not enrolled in a course yet. <Link href="/">Browse the catalogue</Link> to start one.
        </p>
      ) : (
        <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
          {courses.map(({ slug, title, role, progress }) => (
            <li key={slug} className="card" data-testid="course-card">
              <h3 style={{ marginTop: 0 }}>{title}</h3>
              {progress === null ? (
                <p className="muted">{role === "INSTRUCTOR" ? "You teach this course." : ""}</p>
              ) : (
                <>
                  <p>
                    {progress.lessonsDone} of {progress.lessonsTotal} lessons done · {progress.labsPassed} of{" "}
                    {progress.labsTotal} labs passed · final exam {progress.isExamPassed ? "passed" : "not passed yet"}
                  </p>
                  <progress
                    max={progress.lessonsTotal + progress.labsTotal || 1}
                    value={progress.lessonsDone + progress.labsPassed}
                    aria-label={`Progress in ${title}`}
                    style={{ width: "100%" }}
                  />
                  {progress.nextStep.kind === "done" ? (
                    <p>You have completed every lesson, lab and the final exam.</p>
                  ) : (
                    <p>
                      <strong>Next:</strong>{" "}
                      {progress.nextStep.kind === "lesson" ? (
                        <Link href={`/courses/${slug}/lessons/${progress.nextStep.slug}`}>
                          {progress.nextStep.title}
                        </Link>
                      ) : progress.nextStep.kind === "lab" ? (
                        <Link href={`/courses/${slug}/labs/${progress.nextStep.slug}`}>{progress.nextStep.title}</Link>
                      ) : (
                        <Link href={`/courses/${slug}/exam`}>the final exam</Link>
                      )}
                    </p>
                  )}
                  {progress.deadlines.length > 0 && (
                    <ul className="muted">
                      {progress.deadlines.map((entry) => (
                        <li key={entry.slug}>
                          <Link href={`/courses/${slug}/labs/${entry.slug}`}>{entry.title}</Link> due{" "}
                          <time dateTime={entry.deadline.toISOString()}>{formatUtc(entry.deadline)}</time>
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
              <Link href={`/courses/${slug}`}>Open the course</Link>
            </li>
          ))}
        </ul>
      )}

      <h2>Recent submissions</h2>
      <DataTable
        caption="Recent submissions"
        rows={submissions}
        rowKey={(submission) => submission.id}
        empty="No submissions yet. Labs appear in each course; your graded work will be listed here."
        columns={[
          {
            key: "lab",
            header: "Lab",
            cell: (submission) => <Link href={`/submissions/${submission.id}`}>{submission.assignmentTitle}</Link>,
          },
          {
            key: "status",
            header: "Status",
            cell: (submission) => (
              <LiveStatusBadge
                submissionId={submission.id}
                initialStatus={submission.status}
                isFollowed={followed.has(submission.id)}
              />
            ),
          },
          { key: "submitted", header: "Submitted", cell: (submission) => formatUtc(submission.createdAt) },
        ]}
      />

      <CertificatesSection userId={user.id} />
    </>
  );
}
