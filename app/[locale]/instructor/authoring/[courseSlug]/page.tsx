import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getAuthoringCourse } from "@/lib/authoring/get-authoring-course";
import { formatDateTime, orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { DataTable } from "@/app/_components/data-table";
import { CourseForm } from "./course-form";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Edit course · Authoring" };

export default async function AuthoringCoursePage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/authoring/${courseSlug}`, "INSTRUCTOR", "ADMIN");
  const course = await orPageError(getAuthoringCourse({ viewer, courseSlug }));
  const base = `/instructor/authoring/${course.slug}`;
  const problems = Object.entries(course.exportProblems);
  return (
    <>
      <p className="muted">
        <Link href="/instructor">Instructor workspace</Link> / <Link href="/instructor/authoring">Authoring</Link> /{" "}
        {course.slug}
      </p>
      <h1>{course.title || course.slug}</h1>
      <p>
        <Link href={`/courses/${course.slug}`}>View as a learner</Link> ·{" "}
        <Link href={`/instructor/courses/${course.slug}/audit`}>Audit log</Link> ·{" "}
        {problems.length === 0 ? (
          <a href={`${base}/export`} download>
            Export course (.json bundle)
          </a>
        ) : (
          <span className="muted">Export is available once the course is complete</span>
        )}
      </p>
      {problems.length > 0 && (
        <section className="card" aria-labelledby="todo-heading">
          <h2 id="todo-heading" style={{ marginTop: 0 }}>
            Still to do before the course is complete
          </h2>
          <ul>
            {problems.map(([file, messages]) => (
              <li key={file}>
                <code>{file}</code>: {messages.join("; ")}
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2>Lessons</h2>
      <DataTable
        caption="Lessons"
        rows={course.lessons}
        rowKey={(lesson) => lesson.slug}
        empty="No lessons yet."
        columns={[
          { key: "folder", header: "Folder", cell: (lesson) => <code>{lesson.folder}</code> },
          {
            key: "lesson",
            header: "Lesson",
            cell: (lesson) => <Link href={`${base}/lessons/${lesson.slug}`}>{lesson.title}</Link>,
          },
          {
            key: "quiz",
            header: "Quiz",
            cell: (lesson) => (
              <Link href={`${base}/lessons/${lesson.slug}/quiz`} aria-label={`Quiz of ${lesson.title}`}>
                {lesson.questions} {lesson.questions === 1 ? "question" : "questions"}
              </Link>
            ),
          },
        ]}
      />
      <p>
        <Link className="button secondary" href={`${base}/lessons/new`}>
          New lesson
        </Link>{" "}
        <Link className="button secondary" href={`${base}/exam`}>
          Final exam and question bank
        </Link>
      </p>

      <h2>Labs</h2>
      <DataTable
        caption="Labs"
        rows={course.labs}
        rowKey={(lab) => lab.slug}
        empty="No labs yet."
        columns={[
          {
            key: "lab",
            header: "Lab",
            cell: (lab) => (
              <>
                <Link href={`${base}/labs/${lab.slug}`}>{lab.title}</Link> <span className="muted">({lab.slug})</span>
              </>
            ),
          },
          { key: "version", header: "Current version", cell: (lab) => `v${lab.version}` },
          { key: "saved", header: "Saved", cell: (lab) => formatDateTime(lab.savedAt) },
        ]}
      />
      <p>
        <Link className="button secondary" href={`${base}/labs/new`}>
          New lab
        </Link>
      </p>

      <h2>Course settings</h2>
      <CourseForm courseSlug={course.slug} initial={course.form} labs={course.labs} />
    </>
  );
}
