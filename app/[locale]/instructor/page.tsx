import type { Metadata } from "next";
import { localize } from "@/lib/courses/localize";
import { listTaughtCourses } from "@/lib/courses/list-taught-courses";
import { DataTable } from "@/app/_components/data-table";
import { requirePageRole } from "@/app/_lib/page-guards";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Instructor workspace" };

export default async function InstructorPage() {
  await requirePageRole("/instructor", "INSTRUCTOR", "ADMIN");
  const courses = await listTaughtCourses();
  return (
    <>
      <h1>Instructor workspace</h1>
      <p>
        <Link href="/instructor/authoring">Author courses</Link>: create a course, edit lessons, quizzes, the exam and
        labs, import and export course files.
      </p>
      <h2>Courses you teach</h2>
      <p className="muted">Open a course for its labs, submissions, regrades, extensions, gradebook and audit log.</p>
      <DataTable
        caption="Courses you teach"
        rows={courses}
        rowKey={(course) => course.id}
        empty="You do not teach a course yet. An admin can make you an instructor of a course."
        columns={[
          {
            key: "course",
            header: "Course",
            cell: (course) => <Link href={`/instructor/courses/${course.slug}`}>{localize(course.title)}</Link>,
          },
          { key: "learners", header: "Learners", cell: (course) => course.learnerCount },
          { key: "labs", header: "Labs", cell: (course) => course._count.assignments },
        ]}
      />
    </>
  );
}
