// The dashboard of an instructor or admin: the courses they teach and their workspaces, instead of
// the learner's progress, submissions and certificates, which are empty for someone who teaches.
import type { CurrentUser } from "@/lib/auth";
import type { Locale } from "@/lib/courses/content-schema";
import { localize } from "@/lib/courses/localize";
import { listTaughtCourses } from "@/lib/courses/list-taught-courses";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { DataTable } from "@/app/_components/data-table";
import { Link } from "@/lib/i18n/navigation";

export async function StaffDashboard({ user, locale }: { user: CurrentUser; locale: Locale }) {
  const text = staffMessagesFor(locale);
  const t = text.dashboard;
  const courses = await listTaughtCourses();
  const isAdmin = user.role === "ADMIN";
  return (
    <>
      <h1>{t.welcome(user.name)}</h1>
      <p className="muted">{t.signedInAs(user.email, text.admin.roles[user.role])}</p>
      <nav aria-label={t.shortcuts}>
        <ul className="grid" style={{ listStyle: "none", padding: 0 }} data-testid="staff-shortcuts">
          <li className="card">
            <Link href="/instructor">{t.workspace}</Link>
          </li>
          <li className="card">
            <Link href="/instructor/authoring">{t.authoring}</Link>
          </li>
          {isAdmin && (
            <>
              <li className="card">
                <Link href="/admin">{t.admin}</Link>
              </li>
              <li className="card">
                <Link href="/admin/queue">{t.queue}</Link>
              </li>
            </>
          )}
        </ul>
      </nav>
      <h2>{isAdmin ? t.adminTeaching : t.teaching}</h2>
      <DataTable
        caption={isAdmin ? t.adminTeaching : t.teaching}
        rows={courses}
        rowKey={(course) => course.id}
        testId="taught-courses"
        empty={t.noCourses}
        columns={[
          {
            key: "course",
            header: text.home.course,
            cell: (course) => <Link href={`/courses/${course.slug}`}>{localize(course.title, locale)}</Link>,
          },
          { key: "learners", header: text.home.learners, cell: (course) => course.learnerCount },
          {
            key: "manage",
            header: t.manage,
            cell: (course) => (
              <>
                <Link href={`/instructor/courses/${course.slug}`}>{t.manage}</Link> ·{" "}
                <Link href={`/instructor/courses/${course.slug}/gradebook`}>{t.gradebook}</Link> ·{" "}
                <Link href={`/instructor/courses/${course.slug}/audit`}>{t.audit}</Link>
              </>
            ),
          },
        ]}
      />
    </>
  );
}
