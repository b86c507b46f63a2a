import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { MAX_BUNDLE_BYTES } from "@/lib/authoring/course-bundle";
import { listEditableCourses } from "@/lib/authoring/get-authoring-course";
import { listContentCourses } from "@/lib/authoring/read-content-folder";
import { DataTable } from "@/app/_components/data-table";
import { ImportForm } from "./import-form";
import { NewCourseForm } from "./new-course-form";
import { Link } from "@/lib/i18n/navigation";

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
        Edit your courses here instead of in the repository. Everything is checked with the same rules as the course
        files, and every change is in the course&apos;s audit log.
      </p>
      <h2>Your courses</h2>
      <DataTable
        caption="Your courses"
        rows={courses}
        rowKey={(course) => course.slug}
        empty="You do not teach a course yet. Create one below or import one."
        columns={[
          {
            key: "course",
            header: "Course",
            cell: (course) => <Link href={`/instructor/authoring/${course.slug}`}>{course.title || course.slug}</Link>,
          },
          { key: "lessons", header: "Lessons", cell: (course) => course.lessons },
          { key: "labs", header: "Labs", cell: (course) => course.labs },
          {
            key: "published",
            header: "Visible to learners",
            cell: (course) => (course.isPublished ? "Yes" : "No (draft)"),
          },
        ]}
      />
      <h2>New course</h2>
      <p className="muted">A new course starts as a draft that learners cannot see, with you as its instructor.</p>
      <NewCourseForm />
      <h2>Import a course</h2>
      <p className="muted">
        A bundle holds every file of a course folder (course.yaml, lessons, exam, labs) and is checked file by file with
        the same schemas. Importing a course that exists updates it: lessons and questions are matched by their slugs
        and ids, and a changed lab gets a new version. Figures and reference solutions stay in the repository.
      </p>
      <ImportForm contentCourses={listContentCourses()} maxBytes={MAX_BUNDLE_BYTES} />
    </>
  );
}
