import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getAuthoringCourse } from "@/lib/authoring/get-authoring-course";
import { orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { LessonForm } from "../lesson-form";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "New lesson · Authoring" };

const EMPTY = { en: "", "zh-CN": "" };

export default async function NewLessonPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/authoring/${courseSlug}/lessons/new`, "INSTRUCTOR", "ADMIN");
  const course = await orPageError(getAuthoringCourse({ viewer, courseSlug }));
  return (
    <>
      <p className="muted">
        <Link href="/instructor/authoring">Authoring</Link> /{" "}
        <Link href={`/instructor/authoring/${course.slug}`}>{course.title || course.slug}</Link> / New lesson
      </p>
      <h1>New lesson</h1>
      <p className="muted">It becomes lesson {course.lessons.length + 1}, with an empty quiz to fill in next.</p>
      <LessonForm
        courseSlug={course.slug}
        lessonSlug={null}
        initial={{ slug: "", title: EMPTY, summary: EMPTY, minutes: "30", body: EMPTY }}
      />
    </>
  );
}
