import type { Metadata } from "next";
import Link from "next/link";
import { listAccounts } from "@/lib/admin/list-accounts";
import { listCourses } from "@/lib/courses/list-courses";
import { localize } from "@/lib/courses/localize";
import { requirePageRole } from "../_lib/page-guards";
import { CourseInstructorForm } from "./course-instructor-form";
import { RoleForm } from "./role-form";

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
      {users.length === 0 ? (
        <p className="empty">There are no accounts yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Teaches</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <td>
                    {user.name}
                    {user.id === viewer.id && <span className="muted"> (you)</span>}
                  </td>
                  <td>{user.email}</td>
                  <td>
                    <RoleForm userId={user.id} email={user.email} role={user.role} />
                  </td>
                  <td>{user.teaches.length > 0 ? user.teaches.join(", ") : <span className="muted">—</span>}</td>
                  <td>{user.createdAt.toISOString().slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Course instructors</h2>
      <p className="muted">An instructor sees a course&apos;s submissions and gradebook only once they teach it.</p>
      <CourseInstructorForm
        accounts={users.filter((user) => user.role !== "LEARNER").map(({ id, name, email }) => ({ id, name, email }))}
        courses={courses.map((course) => ({ slug: course.slug, title: localize(course.title) }))}
      />
    </>
  );
}
