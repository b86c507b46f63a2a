import type { Metadata } from "next";
import Link from "next/link";
import { localize } from "@/lib/courses/localize";
import { listTaughtCourses } from "@/lib/courses/list-taught-courses";
import { requirePageRole } from "../_lib/page-guards";

export const metadata: Metadata = { title: "Instructor workspace" };

export default async function InstructorPage() {
  await requirePageRole("/instructor", "INSTRUCTOR", "ADMIN");
  const courses = await listTaughtCourses();
  return (
    <>
      <h1>Instructor workspace</h1>
      <p>
        <Link href="/instructor/authoring">Author courses</Link>: create a course, edit lessons, quizzes, the exam and labs, import
        and export course files.
      </p>
      <h2>Courses you teach</h2>
      <p className="muted">Open a course for its labs, submissions, regrades, extensions, gradebook and audit log.</p>
      {courses.length === 0 ? (
        <p className="empty">You do not teach a course yet. An admin can make you an instructor of a course.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">Learners</th>
                <th scope="col">Labs</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((course) => (
                <tr key={course.id}>
                  <td>
                    <Link href={`/instructor/courses/${course.slug}`}>{localize(course.title)}</Link>
                  </td>
                  <td>{course.learnerCount}</td>
                  <td>{course._count.assignments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
