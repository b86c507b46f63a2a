import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getLessonQuizYaml } from "@/lib/authoring/get-authoring-course";
import { orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { QuizForm } from "./quiz-form";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Edit quiz · Authoring" };

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
  const quiz = await orPageError(getLessonQuizYaml({ viewer, courseSlug, lessonSlug }));
  const courseHref = `/instructor/authoring/${courseSlug}`;
  return (
    <>
      <p className="muted">
        <Link href="/instructor/authoring">Authoring</Link> / <Link href={courseHref}>{courseSlug}</Link> /{" "}
        <Link href={`${courseHref}/lessons/${lessonSlug}`}>{lessonSlug}</Link> / Quiz
      </p>
      <h1>Quiz: {quiz.lessonTitle || lessonSlug}</h1>
      <p className="muted">
        The quiz file, as it lies beside the lesson in content/. Questions are matched by id, so keep an id to keep a
        question&apos;s history.
      </p>
      <QuizForm courseSlug={courseSlug} lessonSlug={lessonSlug} initial={quiz.yaml} />
    </>
  );
}
