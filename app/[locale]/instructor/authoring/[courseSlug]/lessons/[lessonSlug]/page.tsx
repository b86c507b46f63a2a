import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getLessonForm } from "@/lib/authoring/get-authoring-course";
import { orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { LessonForm } from "../lesson-form";
import { Link } from "@/lib/i18n/navigation";
import { getLocale } from "@/lib/i18n/locale";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: authoringMessagesFor(await getLocale()).titles.lesson };
}

export default async function EditLessonPage({
  params,
}: {
  params: Promise<{ courseSlug: string; lessonSlug: string }>;
}) {
  const { courseSlug, lessonSlug } = await params;
  const viewer = await requirePageRole(
    `/instructor/authoring/${courseSlug}/lessons/${lessonSlug}`,
    "INSTRUCTOR",
    "ADMIN",
  );
  const locale = await getLocale();
  const t = authoringMessagesFor(locale);
  const lesson = await orPageError(getLessonForm({ viewer, courseSlug, lessonSlug }));
  const courseHref = `/instructor/authoring/${courseSlug}`;
  return (
    <>
      <p className="muted">
        <Link href="/instructor/authoring">{t.crumbs.authoring}</Link> /{" "}
        <Link href={courseHref} translate="no">
          {courseSlug}
        </Link>{" "}
        / <span translate="no">{lesson.slug}</span>
      </p>
      <h1>{lesson.title[locale] || lesson.title.en || lesson.slug}</h1>
      <p>
        <Link href={`${courseHref}/lessons/${lesson.slug}/quiz`}>{t.lesson.editQuiz}</Link> ·{" "}
        <Link href={`/courses/${courseSlug}/lessons/${lesson.slug}`}>{t.lesson.viewAsLearner}</Link>
      </p>
      <LessonForm courseSlug={courseSlug} lessonSlug={lesson.slug} initial={lesson} locale={locale} />
    </>
  );
}
