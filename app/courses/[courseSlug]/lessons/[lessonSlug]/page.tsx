import "@/app/course.css";
import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { notFound } from "next/navigation";
import { Markdown } from "@/app/_components/markdown";
import { requirePageUser } from "@/app/_lib/page-guards";
import { getLessonPage } from "@/lib/courses/get-course-page";
import { NotFoundError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { formatPercent, messagesFor } from "@/lib/i18n/messages";
import { AttemptsTable } from "../_quiz/attempts-table";
import { StartQuizButton } from "../_quiz/start-quiz-button";

type Params = { params: Promise<{ courseSlug: string; lessonSlug: string }> };

// Shared by generateMetadata and the page, so one request reads the database once.
const loadLesson = cache(async (courseSlug: string, lessonSlug: string) => {
  const user = await requirePageUser(`/courses/${courseSlug}/lessons/${lessonSlug}`);
  const locale = await getLocale();
  const lesson = await getLessonPage(user, courseSlug, lessonSlug, locale).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return { locale, lesson };
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { courseSlug, lessonSlug } = await params;
  const { lesson } = await loadLesson(courseSlug, lessonSlug);
  return { title: `${lesson.title} · ${lesson.course.title}` };
}

export default async function LessonPage({ params }: Params) {
  const { courseSlug, lessonSlug } = await params;
  const { locale, lesson } = await loadLesson(courseSlug, lessonSlug);
  const t = messagesFor(locale);
  const courseHref = `/courses/${lesson.course.slug}`;
  const lessonHref = `${courseHref}/lessons/${lesson.slug}`;
  const quiz = lesson.quiz;

  return (
    <article lang={locale} className="lesson">
      <p className="breadcrumb muted">
        <Link href={courseHref}>{lesson.course.title}</Link> / {t.course.lesson(lesson.number)}
      </p>
      <h1>{lesson.title}</h1>
      {lesson.isCompleted && <p><span className="badge passed">{t.course.completed}</span></p>}

      <div className="lesson-body">
        <Markdown source={lesson.body} assetBase={lessonHref} />
      </div>

      <section aria-labelledby="quiz-heading" className="lesson-body">
        <h2 id="quiz-heading">{t.lesson.quiz}</h2>
        {!quiz ? (
          <div className="empty">
            <p style={{ marginTop: 0 }}>{t.lesson.enrolForQuiz}</p>
            <Link href={courseHref}>{t.lesson.goEnrol}</Link>
          </div>
        ) : (
          <div className="card quiz-panel">
            <p>
              <strong>{quiz.quiz.title}</strong>
            </p>
            <p className="muted">{t.lesson.quizRules(quiz.quiz.questionCount, quiz.quiz.passPercent)}</p>
            {quiz.bestPercent !== null && <p>{t.course.bestQuiz(formatPercent(quiz.bestPercent))}</p>}
            <StartQuizButton
              courseSlug={lesson.course.slug}
              quizSlug={quiz.quiz.slug}
              label={quiz.openAttemptId ? t.quiz.resume : t.quiz.start}
              pendingLabel={t.quiz.starting}
            />
            <h3 style={{ marginBottom: 0 }}>{t.quiz.attempts}</h3>
            <AttemptsTable attempts={quiz.attempts} locale={locale} hrefFor={(attemptId) => `${lessonHref}/quiz/${attemptId}`} />
          </div>
        )}
      </section>

      <nav className="lesson-nav" aria-label={t.course.syllabus}>
        {lesson.previous ? (
          <Link href={`${courseHref}/lessons/${lesson.previous.slug}`} rel="prev">
            ← {t.lesson.previous}: {lesson.previous.title}
          </Link>
        ) : (
          <Link href={courseHref}>← {t.lesson.backToCourse}</Link>
        )}
        {lesson.next ? (
          <Link href={`${courseHref}/lessons/${lesson.next.slug}`} rel="next">
            {t.lesson.next}: {lesson.next.title} →
          </Link>
        ) : (
          <Link href={courseHref}>{t.lesson.backToCourse} →</Link>
        )}
      </nav>
    </article>
  );
}
