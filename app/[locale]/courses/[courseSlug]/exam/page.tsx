import "@/app/course.css";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/app/_lib/page-guards";
import { EXAM_SLUG } from "@/lib/courses/get-course-page";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { formatPercent, messagesFor } from "@/lib/i18n/messages";
import { listAttempts } from "@/lib/quizzes/list-attempts";
import { AttemptsTable } from "../lessons/_quiz/attempts-table";
import { StartBlockNotice } from "../lessons/_quiz/start-block-notice";
import { StartQuizButton } from "../lessons/_quiz/start-quiz-button";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: messagesFor(await getLocale()).exam.title };
}

export default async function ExamPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const user = await requirePageUser(`/courses/${courseSlug}/exam`);
  const locale = await getLocale();
  const t = messagesFor(locale);
  const courseHref = `/courses/${courseSlug}`;
  const overview = await listAttempts(user, courseSlug, EXAM_SLUG, locale).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ForbiddenError) return null;
    throw error;
  });

  if (!overview) {
    return (
      <article lang={locale}>
        <h1>{t.exam.title}</h1>
        <div className="empty">
          <p style={{ marginTop: 0 }}>{t.exam.enrolFirst}</p>
          <Link href={courseHref}>{t.lesson.goEnrol}</Link>
        </div>
      </article>
    );
  }

  const { quiz } = overview;
  return (
    <article lang={locale}>
      <p className="breadcrumb muted">
        <Link href={courseHref}>{t.lesson.backToCourse}</Link>
      </p>
      <h1>{quiz.title}</h1>
      <section className="card quiz-panel lesson-body">
        <p>{t.exam.rules(quiz.questionCount, Math.round((quiz.timeLimitSeconds ?? 0) / 60), quiz.passPercent)}</p>
        <p>
          {quiz.maxAttempts === null || overview.attemptsLeft === null
            ? t.exam.unlimited
            : overview.attemptsLeft === 0
              ? t.quiz.noAttemptsLeft
              : t.quiz.attemptsLeft(overview.attemptsLeft, quiz.maxAttempts)}
          {quiz.cooldownMinutes > 0 && ` ${t.quiz.cooldownRule(quiz.cooldownMinutes)}`}
        </p>
        {overview.bestPercent !== null && <p>{t.course.examBest(formatPercent(overview.bestPercent))}</p>}
        {overview.startBlock ? (
          <StartBlockNotice block={overview.startBlock} locale={locale} />
        ) : (
          <StartQuizButton
            courseSlug={courseSlug}
            quizSlug={quiz.slug}
            label={overview.openAttemptId ? t.quiz.resume : t.quiz.startExam}
            pendingLabel={t.quiz.starting}
          />
        )}
      </section>
      <h2>{t.quiz.attempts}</h2>
      <AttemptsTable attempts={overview.attempts} locale={locale} attemptsHref={`${courseHref}/exam`} />
    </article>
  );
}
