import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getLessonForm } from "@/lib/authoring/get-authoring-course";
import { orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { LessonForm } from "../lesson-form";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Edit lesson · Authoring" };

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
  const lesson = await orPageError(getLessonForm({ viewer, courseSlug, lessonSlug }));
  const courseHref = `/instructor/authoring/${courseSlug}`;
  return (
    <>
      <p className="muted">
        <Link href="/instructor/authoring">Authoring</Link> / <Link href={courseHref}>{courseSlug}</Link> /{" "}
        {lesson.slug}
      </p>
      <h1>{lesson.title.en || lesson.slug}</h1>
      <p>
        <Link href={`${courseHref}/lessons/${lesson.slug}/quiz`}>Edit this lesson&apos;s quiz</Link> ·{" "}
        <Link href={`/courses/${courseSlug}/lessons/${lesson.slug}`}>View as a learner</Link>
      </p>
      <LessonForm courseSlug={courseSlug} lessonSlug={lesson.slug} initial={lesson} />
    </>
  );
}
