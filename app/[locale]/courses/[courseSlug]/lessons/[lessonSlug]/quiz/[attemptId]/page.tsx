import "@/app/course.css";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/app/_lib/page-guards";
import { NotFoundError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";
import { getAttempt } from "@/lib/quizzes/get-attempt";
import { listAttempts } from "@/lib/quizzes/list-attempts";
import { AttemptView } from "../../../_quiz/attempt-view";
import { StartBlockNotice } from "../../../_quiz/start-block-notice";
import { StartQuizButton } from "../../../_quiz/start-quiz-button";
import { Link } from "@/lib/i18n/navigation";
import type { Metadata } from "next";

export async function generateMetadata(): Promise<Metadata> {
  return { title: messagesFor(await getLocale()).quiz.title };
}

export default async function LessonQuizAttemptPage({
  params,
}: {
  params: Promise<{ courseSlug: string; lessonSlug: string; attemptId: string }>;
}) {
  const { courseSlug, lessonSlug, attemptId } = await params;
  const user = await requirePageUser(`/courses/${courseSlug}/lessons/${lessonSlug}/quiz/${attemptId}`);
  const locale = await getLocale();
  const attempt = await getAttempt(user, attemptId, locale).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  // The address must name the attempt's own course and lesson, so no page shows a mismatched title.
  if (attempt.course.slug !== courseSlug || attempt.quiz.lessonSlug !== lessonSlug) notFound();
  const t = messagesFor(locale);
  // Under a graded attempt: another one, or why not yet (or not any more).
  const startBlock = attempt.isOpen
    ? null
    : (await listAttempts(user, courseSlug, attempt.quiz.slug, locale)).startBlock;
  const lessonHref = `/courses/${courseSlug}/lessons/${lessonSlug}`;

  return (
    <article lang={locale}>
      <p className="breadcrumb muted">
        <Link href={`/courses/${courseSlug}`}>{attempt.course.title}</Link> /{" "}
        <Link href={lessonHref}>{t.quiz.backToLesson}</Link>
      </p>
      <h1>{attempt.quiz.title}</h1>
      <AttemptView
        attempt={attempt}
        locale={locale}
        back={{ href: lessonHref, label: t.quiz.backToLesson }}
        after={
          startBlock ? (
            <StartBlockNotice block={startBlock} locale={locale} />
          ) : (
            <StartQuizButton
              courseSlug={courseSlug}
              quizSlug={attempt.quiz.slug}
              label={t.quiz.retake}
              pendingLabel={t.quiz.starting}
            />
          )
        }
      />
    </article>
  );
}
