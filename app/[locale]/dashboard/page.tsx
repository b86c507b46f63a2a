import type { Metadata } from "next";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { getLocale } from "@/lib/i18n/locale";
import { getDashboard } from "@/lib/users/get-dashboard";
import { DataTable } from "@/app/_components/data-table";
import { requirePageUser } from "@/app/_lib/page-guards";
import { LiveStatusBadge } from "../submissions/live-status-badge";
import { CertificatesSection } from "./certificates-section";
import { Link } from "@/lib/i18n/navigation";
import { StaffDashboard } from "./staff-dashboard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: accountMessagesFor(await getLocale()).dashboard.title };
}

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export default async function DashboardPage() {
  const user = await requirePageUser("/dashboard");
  const locale = await getLocale();
  // Someone who teaches sees what they teach; the learner's sections would all be empty for them.
  if (user.role !== "LEARNER") return <StaffDashboard user={user} locale={locale} />;
  const t = accountMessagesFor(locale).dashboard;
  const { courses, submissions } = await getDashboard(user, locale);
  const MAX_FOLLOWED = 3;
  const followed = new Set(
    submissions
      .filter((submission) => submission.status === "QUEUED" || submission.status === "RUNNING")
      .slice(0, MAX_FOLLOWED)
      .map((submission) => submission.id),
  );
  return (
    <>
      <h1>{t.welcome(user.name)}</h1>
      <p className="muted">
        {t.signedInAs(user.email)} · <span data-testid="role">{t.roles[user.role]}</span>
      </p>

      <h2>{t.yourCourses}</h2>
      {courses.length === 0 ? (
        <p className="empty">
          {t.noCourses} <Link href="/">{t.browse}</Link>
          {t.browseAfter}
        </p>
      ) : (
        <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
          {courses.map(({ slug, title, role, progress }) => (
            <li key={slug} className="card" data-testid="course-card">
              <h3 style={{ marginTop: 0 }}>{title}</h3>
              {progress === null ? (
                <p className="muted">{role === "INSTRUCTOR" ? t.teaching : ""}</p>
              ) : (
                <>
                  <p>
                    {t.progress(progress.lessonsDone, progress.lessonsTotal, progress.labsPassed, progress.labsTotal)} ·{" "}
                    {progress.isExamPassed ? t.examPassed : t.examNotPassed}
                  </p>
                  <progress
                    max={progress.lessonsTotal + progress.labsTotal || 1}
                    value={progress.lessonsDone + progress.labsPassed}
                    aria-label={t.progressLabel(title)}
                    style={{ width: "100%" }}
                  />
                  {progress.nextStep.kind === "done" ? (
                    <p>{t.allDone}</p>
                  ) : (
                    <p>
                      <strong>{t.next}</strong>{" "}
                      {progress.nextStep.kind === "lesson" ? (
                        <Link href={`/courses/${slug}/lessons/${progress.nextStep.slug}`}>
                          {progress.nextStep.title}
                        </Link>
                      ) : progress.nextStep.kind === "lab" ? (
                        <Link href={`/courses/${slug}/labs/${progress.nextStep.slug}`}>{progress.nextStep.title}</Link>
                      ) : (
                        <Link href={`/courses/${slug}/exam`}>{t.finalExam}</Link>
                      )}
                    </p>
                  )}
                  {progress.deadlines.length > 0 && (
                    <ul className="muted">
                      {progress.deadlines.map((entry) => (
                        <li key={entry.slug}>
                          <Link href={`/courses/${slug}/labs/${entry.slug}`}>{entry.title}</Link> {t.due}{" "}
                          <time dateTime={entry.deadline.toISOString()}>{formatUtc(entry.deadline)}</time>
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
              <Link href={`/courses/${slug}`}>{t.openCourse}</Link>
            </li>
          ))}
        </ul>
      )}

      <h2>{t.recentSubmissions}</h2>
      <DataTable
        caption={t.recentSubmissions}
        rows={submissions}
        rowKey={(submission) => submission.id}
        empty={t.noSubmissions}
        columns={[
          {
            key: "lab",
            header: t.lab,
            cell: (submission) => <Link href={`/submissions/${submission.id}`}>{submission.assignmentTitle}</Link>,
          },
          {
            key: "status",
            header: t.status,
            cell: (submission) => (
              <LiveStatusBadge
                submissionId={submission.id}
                initialStatus={submission.status}
                isFollowed={followed.has(submission.id)}
                labels={t.statuses}
              />
            ),
          },
          { key: "submitted", header: t.submitted, cell: (submission) => formatUtc(submission.createdAt) },
        ]}
      />

      <CertificatesSection userId={user.id} locale={locale} />
    </>
  );
}
