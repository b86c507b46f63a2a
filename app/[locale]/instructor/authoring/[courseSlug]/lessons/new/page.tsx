import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getAuthoringCourse } from "@/lib/authoring/get-authoring-course";
import { orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { LessonForm } from "../lesson-form";
import { Link } from "@/lib/i18n/navigation";
import { getLocale } from "@/lib/i18n/locale";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: authoringMessagesFor(await getLocale()).titles.newLesson };
}

const EMPTY = { en: "", "zh-CN": "" };

export default async function NewLessonPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/authoring/${courseSlug}/lessons/new`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const t = authoringMessagesFor(locale);
  const course = await orPageError(getAuthoringCourse({ viewer, courseSlug, locale }));
  return (
    <>
      <p className="muted">
        <Link href="/instructor/authoring">{t.crumbs.authoring}</Link> /{" "}
        <Link href={`/instructor/authoring/${course.slug}`}>{course.title || course.slug}</Link> / {t.crumbs.newLesson}
      </p>
      <h1>{t.crumbs.newLesson}</h1>
      <p className="muted">{t.lesson.newIntro(course.lessons.length + 1)}</p>
      <LessonForm
        courseSlug={course.slug}
        lessonSlug={null}
        initial={{ slug: "", title: EMPTY, summary: EMPTY, minutes: "30", body: EMPTY }}
        locale={locale}
      />
    </>
  );
}
