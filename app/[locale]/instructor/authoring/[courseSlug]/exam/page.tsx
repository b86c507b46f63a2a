import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getExamYaml } from "@/lib/authoring/get-authoring-course";
import { orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { ExamForm } from "./exam-form";
import { Link } from "@/lib/i18n/navigation";
import { getLocale } from "@/lib/i18n/locale";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";
import { CodeText } from "@/app/_components/code-text";

export async function generateMetadata(): Promise<Metadata> {
  return { title: authoringMessagesFor(await getLocale()).titles.exam };
}

export default async function EditExamPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/authoring/${courseSlug}/exam`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const t = authoringMessagesFor(locale);
  const exam = await orPageError(getExamYaml({ viewer, courseSlug }));
  return (
    <>
      <p className="muted">
        <Link href="/instructor/authoring">{t.crumbs.authoring}</Link> /{" "}
        <Link href={`/instructor/authoring/${courseSlug}`} translate="no">
          {courseSlug}
        </Link>{" "}
        / {t.crumbs.exam}
      </p>
      <h1>{t.exam.heading}</h1>
      <p className="muted">
        <CodeText text={t.exam.intro} />
      </p>
      <ExamForm courseSlug={courseSlug} initial={exam} locale={locale} />
    </>
  );
}
