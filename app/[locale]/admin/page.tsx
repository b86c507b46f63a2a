import { Fragment } from "react";
import type { Metadata } from "next";
import { listAccounts } from "@/lib/admin/list-accounts";
import { listCourses } from "@/lib/courses/list-courses";
import { localize } from "@/lib/courses/localize";
import { DataTable } from "@/app/_components/data-table";
import { requirePageRole } from "@/app/_lib/page-guards";
import { CourseInstructorForm } from "./course-instructor-form";
import { RoleForm } from "./role-form";
import { getLocale } from "@/lib/i18n/locale";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { ltiAdminMessagesFor } from "@/lib/i18n/lti-admin-messages";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: staffMessagesFor(await getLocale()).admin.title };
}

export default async function AdminPage() {
  const viewer = await requirePageRole("/admin", "ADMIN");
  const locale = await getLocale();
  const t = staffMessagesFor(locale).admin;
  const [users, courses] = await Promise.all([listAccounts({ viewer }), listCourses()]);
  return (
    <>
      <h1>{t.title}</h1>
      <p>
        <Link href="/admin/queue">{t.queueLink}</Link>
      </p>
      <p>
        <Link href="/admin/lti">{ltiAdminMessagesFor(locale).link}</Link>
      </p>
      <h2>{t.users}</h2>
      <p className="muted">{t.usersHint}</p>
      <DataTable
        caption={t.users}
        rows={users}
        rowKey={(user) => user.id}
        empty={t.noUsers}
        columns={[
          {
            key: "name",
            header: t.name,
            cell: (user) => (
              <>
                {user.name}
                {user.id === viewer.id && <span className="muted"> {t.you}</span>}
              </>
            ),
          },
          { key: "email", header: t.email, cell: (user) => user.email },
          {
            key: "role",
            header: t.role,
            cell: (user) => <RoleForm userId={user.id} email={user.email} role={user.role} locale={locale} />,
          },
          {
            key: "teaches",
            header: t.teaches,
            // Course slugs are identifiers, shown as code in every language.
            cell: (user) =>
              user.teaches.length > 0 ? (
                user.teaches.map((slug, index) => (
                  <Fragment key={slug}>
                    {index > 0 && ", "}
                    <code>{slug}</code>
                  </Fragment>
                ))
              ) : (
                <span className="muted">—</span>
              ),
          },
          { key: "joined", header: t.joined, cell: (user) => user.createdAt.toISOString().slice(0, 10) },
        ]}
      />

      <h2>{t.courseInstructors}</h2>
      <p className="muted">{t.courseInstructorsHint}</p>
      <CourseInstructorForm
        accounts={users.filter((user) => user.role !== "LEARNER").map(({ id, name, email }) => ({ id, name, email }))}
        courses={courses.map((course) => ({ slug: course.slug, title: localize(course.title, locale) }))}
        locale={locale}
      />
    </>
  );
}
