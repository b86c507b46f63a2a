import type { Metadata } from "next";
import { listAccounts } from "@/lib/admin/list-accounts";
import { listCourses } from "@/lib/courses/list-courses";
import { localize } from "@/lib/courses/localize";
import { DataTable } from "@/app/_components/data-table";
import { requirePageRole } from "@/app/_lib/page-guards";
import { CourseInstructorForm } from "./course-instructor-form";
import { RoleForm } from "./role-form";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const viewer = await requirePageRole("/admin", "ADMIN");
  const [users, courses] = await Promise.all([listAccounts({ viewer }), listCourses()]);
  return (
    <>
      <h1>Admin</h1>
      <p>
        <Link href="/admin/queue">Grading queue and workers</Link>
      </p>
      <h2>Users</h2>
      <p className="muted">Every role change is recorded in the audit log. The last admin cannot step down.</p>
      <DataTable
        caption="Users"
        rows={users}
        rowKey={(user) => user.id}
        empty="There are no accounts yet."
        columns={[
          {
            key: "name",
            header: "Name",
            cell: (user) => (
              <>
                {user.name}
                {user.id === viewer.id && <span className="muted"> (you)</span>}
              </>
            ),
          },
          { key: "email", header: "Email", cell: (user) => user.email },
          {
            key: "role",
            header: "Role",
            cell: (user) => <RoleForm userId={user.id} email={user.email} role={user.role} />,
          },
          {
            key: "teaches",
            header: "Teaches",
            cell: (user) => (user.teaches.length > 0 ? user.teaches.join(", ") : <span className="muted">—</span>),
          },
          { key: "joined", header: "Joined", cell: (user) => user.createdAt.toISOString().slice(0, 10) },
        ]}
      />

      <h2>Course instructors</h2>
      <p className="muted">An instructor sees a course&apos;s submissions and gradebook only once they teach it.</p>
      <CourseInstructorForm
        accounts={users.filter((user) => user.role !== "LEARNER").map(({ id, name, email }) => ({ id, name, email }))}
        courses={courses.map((course) => ({ slug: course.slug, title: localize(course.title) }))}
      />
    </>
  );
}
