import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getAuthoringCourse } from "@/lib/authoring/get-authoring-course";
import { formatDateTime, orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { DataTable } from "@/app/_components/data-table";
import { CourseForm } from "./course-form";
import { Link } from "@/lib/i18n/navigation";
import { getLocale } from "@/lib/i18n/locale";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: authoringMessagesFor(await getLocale()).titles.course };
}

export default async function AuthoringCoursePage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/authoring/${courseSlug}`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const t = authoringMessagesFor(locale);
  const course = await orPageError(getAuthoringCourse({ viewer, courseSlug, locale }));
  const base = `/instructor/authoring/${course.slug}`;
  const problems = Object.entries(course.exportProblems);
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{t.crumbs.workspace}</Link> /{" "}
        <Link href="/instructor/authoring">{t.crumbs.authoring}</Link> / <span translate="no">{course.slug}</span>
      </p>
      <h1>{course.title || course.slug}</h1>
      <p>
        <Link href={`/courses/${course.slug}`}>{t.course.viewAsLearner}</Link> ·{" "}
        <Link href={`/instructor/courses/${course.slug}/audit`}>{t.course.auditLog}</Link> ·{" "}
        {problems.length === 0 ? (
          <a href={`${base}/export`} download>
            {t.course.export}
          </a>
        ) : (
          <span className="muted">{t.course.exportLater}</span>
        )}
      </p>
      {problems.length > 0 && (
        <section className="card" aria-labelledby="todo-heading">
          <h2 id="todo-heading" style={{ marginTop: 0 }}>
            {t.course.todo}
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

      <h2>{t.course.lessons}</h2>
      <DataTable
        caption={t.course.lessons}
        rows={course.lessons}
        rowKey={(lesson) => lesson.slug}
        empty={t.course.noLessons}
        columns={[
          { key: "folder", header: t.course.folder, cell: (lesson) => <code>{lesson.folder}</code> },
          {
            key: "lesson",
            header: t.course.lesson,
            cell: (lesson) => <Link href={`${base}/lessons/${lesson.slug}`}>{lesson.title}</Link>,
          },
          {
            key: "quiz",
            header: t.course.quiz,
            cell: (lesson) => (
              // The visible count starts the link's name (as speech input users say it); the lesson follows, unseen.
              <Link href={`${base}/lessons/${lesson.slug}/quiz`}>
                {t.course.questions(lesson.questions)}
                <span className="visually-hidden"> {t.course.quizOf(lesson.title)}</span>
              </Link>
            ),
          },
        ]}
      />
      <p>
        <Link className="button secondary" href={`${base}/lessons/new`}>
          {t.course.newLesson}
        </Link>{" "}
        <Link className="button secondary" href={`${base}/exam`}>
          {t.course.examLink}
        </Link>
      </p>

      <h2>{t.course.labs}</h2>
      <DataTable
        caption={t.course.labs}
        rows={course.labs}
        rowKey={(lab) => lab.slug}
        empty={t.course.noLabs}
        columns={[
          {
            key: "lab",
            header: t.course.lab,
            cell: (lab) => (
              <>
                <Link href={`${base}/labs/${lab.slug}`}>{lab.title}</Link>{" "}
                <span className="muted" translate="no">
                  ({lab.slug})
                </span>
              </>
            ),
          },
          { key: "version", header: t.course.currentVersion, cell: (lab) => `v${lab.version}` },
          { key: "saved", header: t.course.saved, cell: (lab) => formatDateTime(lab.savedAt) },
        ]}
      />
      <p>
        <Link className="button secondary" href={`${base}/labs/new`}>
          {t.course.newLab}
        </Link>
      </p>

      <h2>{t.course.settings}</h2>
      <CourseForm courseSlug={course.slug} initial={course.form} labs={course.labs} locale={locale} />
    </>
  );
}
