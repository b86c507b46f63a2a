import "@/app/course.css";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/app/_lib/page-guards";
import { NotFoundError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";
import { getAttempt } from "@/lib/quizzes/get-attempt";
import { AttemptView } from "../../lessons/_quiz/attempt-view";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: messagesFor(await getLocale()).exam.title };
}

export default async function ExamAttemptPage({
  params,
}: {
  params: Promise<{ courseSlug: string; attemptId: string }>;
}) {
  const { courseSlug, attemptId } = await params;
  const user = await requirePageUser(`/courses/${courseSlug}/exam/${attemptId}`);
  const locale = await getLocale();
  const attempt = await getAttempt(user, attemptId, locale).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  if (attempt.course.slug !== courseSlug || attempt.quiz.kind !== "EXAM") notFound();
  const t = messagesFor(locale);
  const examHref = `/courses/${courseSlug}/exam`;

  return (
    <article lang={locale}>
      <p className="breadcrumb muted">
        <Link href={`/courses/${courseSlug}`}>{attempt.course.title}</Link> /{" "}
        <Link href={examHref}>{t.exam.title}</Link>
      </p>
      <h1>{attempt.quiz.title}</h1>
      <AttemptView attempt={attempt} locale={locale} back={{ href: examHref, label: t.exam.backToExam }} />
    </article>
  );
}
