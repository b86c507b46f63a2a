import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/app/_lib/page-guards";
import { MAX_BUNDLE_BYTES } from "@/lib/authoring/course-bundle";
import { listEditableCourses } from "@/lib/authoring/get-authoring-course";
import { listContentCourses } from "@/lib/authoring/read-content-folder";
import { ImportForm } from "./import-form";
import { NewCourseForm } from "./new-course-form";

export const metadata: Metadata = { title: "Authoring · Instructor" };

export default async function AuthoringPage() {
  const viewer = await requirePageRole("/instructor/authoring", "INSTRUCTOR", "ADMIN");
  const courses = await listEditableCourses(viewer);
  return (
    <>
      <p className="muted">
        <Link href="/instructor">Instructor workspace</Link> / Authoring
      </p>
      <h1>Course authoring</h1>
      <p>
        Edit your courses here instead of in the repository. Everything is checked with the same rules as the course files, and every change is
        in the course&apos;s audit log.
      </p>
      <h2>Your courses</h2>
      {courses.length === 0 ? (
        <p className="empty">You do not teach a course yet. Create one below or import one.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">Lessons</th>
                <th scope="col">Labs</th>
                <th scope="col">Visible to learners</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((course) => (
                <tr key={course.slug}>
                  <td>
                    <Link href={`/instructor/authoring/${course.slug}`}>{course.title || course.slug}</Link>
                  </td>
                  <td>{course.lessons}</td>
                  <td>{course.labs}</td>
                  <td>{course.isPublished ? "Yes" : "No (draft)"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>New course</h2>
      <p className="muted">A new course starts as a draft that learners cannot see, with you as its instructor.</p>
      <NewCourseForm />
      <h2>Import a course</h2>
      <p className="muted">
        A bundle holds every file of a course folder (course.yaml, lessons, exam, labs) and is checked file by file with the same schemas. Importing
        a course that exists updates it: lessons and questions are matched by their slugs and ids, and a changed lab gets a new version. Figures
        and reference solutions stay in the repository.
      </p>
      <ImportForm contentCourses={listContentCourses()} maxBytes={MAX_BUNDLE_BYTES} />
    </>
  );
}
