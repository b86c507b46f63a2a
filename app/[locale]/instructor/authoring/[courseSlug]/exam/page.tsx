import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getExamYaml } from "@/lib/authoring/get-authoring-course";
import { orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { ExamForm } from "./exam-form";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Final exam · Authoring" };

export default async function EditExamPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/authoring/${courseSlug}/exam`, "INSTRUCTOR", "ADMIN");
  const exam = await orPageError(getExamYaml({ viewer, courseSlug }));
  return (
    <>
      <p className="muted">
        <Link href="/instructor/authoring">Authoring</Link> /{" "}
        <Link href={`/instructor/authoring/${courseSlug}`}>{courseSlug}</Link> / Final exam
      </p>
      <h1>Final exam and question bank</h1>
      <p className="muted">
        Each attempt draws drawCount questions at random from the bank, so the bank needs at least that many.
      </p>
      <ExamForm courseSlug={courseSlug} initial={exam} />
    </>
  );
}
