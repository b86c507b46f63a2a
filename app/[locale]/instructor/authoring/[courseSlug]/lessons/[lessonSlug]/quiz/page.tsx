import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getLessonQuizYaml } from "@/lib/authoring/get-authoring-course";
import { orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { QuizForm } from "./quiz-form";
import { Link } from "@/lib/i18n/navigation";
import { getLocale } from "@/lib/i18n/locale";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";
import { CodeText } from "@/app/_components/code-text";

export async function generateMetadata(): Promise<Metadata> {
  return { title: authoringMessagesFor(await getLocale()).titles.quiz };
}

export default async function EditQuizPage({
  params,
}: {
  params: Promise<{ courseSlug: string; lessonSlug: string }>;
}) {
  const { courseSlug, lessonSlug } = await params;
  const viewer = await requirePageRole(
    `/instructor/authoring/${courseSlug}/lessons/${lessonSlug}/quiz`,
    "INSTRUCTOR",
    "ADMIN",
  );
  const locale = await getLocale();
  const t = authoringMessagesFor(locale);
  const quiz = await orPageError(getLessonQuizYaml({ viewer, courseSlug, lessonSlug, locale }));
  const courseHref = `/instructor/authoring/${courseSlug}`;
  return (
    <>
      <p className="muted">
        <Link href="/instructor/authoring">{t.crumbs.authoring}</Link> /{" "}
        <Link href={courseHref} translate="no">
          {courseSlug}
        </Link>{" "}
        /{" "}
        <Link href={`${courseHref}/lessons/${lessonSlug}`} translate="no">
          {lessonSlug}
        </Link>{" "}
        / {t.crumbs.quiz}
      </p>
      <h1>{t.quiz.heading(quiz.lessonTitle || lessonSlug)}</h1>
      <p className="muted">
        <CodeText text={t.quiz.intro} />
      </p>
      <QuizForm courseSlug={courseSlug} lessonSlug={lessonSlug} initial={quiz.yaml} locale={locale} />
    </>
  );
}
