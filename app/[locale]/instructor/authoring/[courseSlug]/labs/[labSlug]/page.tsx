import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getAssignmentForm } from "@/lib/authoring/get-authoring-course";
import { formatDateTime, orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { DataTable } from "@/app/_components/data-table";
import { AssignmentForm } from "../assignment-form";
import { Link } from "@/lib/i18n/navigation";
import { getLocale } from "@/lib/i18n/locale";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: authoringMessagesFor(await getLocale()).titles.lab };
}

export default async function EditLabPage({ params }: { params: Promise<{ courseSlug: string; labSlug: string }> }) {
  const { courseSlug, labSlug } = await params;
  const viewer = await requirePageRole(`/instructor/authoring/${courseSlug}/labs/${labSlug}`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const t = authoringMessagesFor(locale);
  const lab = await orPageError(getAssignmentForm({ viewer, courseSlug, assignmentSlug: labSlug, locale }));
  return (
    <>
      <p className="muted">
        <Link href="/instructor/authoring">{t.crumbs.authoring}</Link> /{" "}
        <Link href={`/instructor/authoring/${courseSlug}`} translate="no">
          {courseSlug}
        </Link>{" "}
        / <span translate="no">{labSlug}</span>
      </p>
      <h1>{lab.title || labSlug}</h1>
      <h2>{t.lab.versions}</h2>
      <DataTable
        caption={t.lab.versions}
        rows={lab.versions}
        rowKey={(version) => version.version}
        columns={[
          { key: "version", header: t.lab.version, cell: (version) => `v${version.version}` },
          { key: "saved", header: t.lab.saved, cell: (version) => formatDateTime(version.createdAt) },
          { key: "submissions", header: t.lab.submissions, cell: (version) => version.submissions },
        ]}
      />
      <h2>{t.lab.edit}</h2>
      <p className="muted">{t.lab.editIntro}</p>
      <AssignmentForm courseSlug={courseSlug} assignmentSlug={labSlug} initial={lab.form} locale={locale} />
    </>
  );
}
