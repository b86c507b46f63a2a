import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getAssignmentForm } from "@/lib/authoring/get-authoring-course";
import { formatDateTime, orPageError } from "@/app/[locale]/instructor/_lib/page-errors";
import { DataTable } from "@/app/_components/data-table";
import { AssignmentForm } from "../assignment-form";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Edit lab · Authoring" };

export default async function EditLabPage({ params }: { params: Promise<{ courseSlug: string; labSlug: string }> }) {
  const { courseSlug, labSlug } = await params;
  const viewer = await requirePageRole(`/instructor/authoring/${courseSlug}/labs/${labSlug}`, "INSTRUCTOR", "ADMIN");
  const lab = await orPageError(getAssignmentForm({ viewer, courseSlug, assignmentSlug: labSlug }));
  return (
    <>
      <p className="muted">
        <Link href="/instructor/authoring">Authoring</Link> /{" "}
        <Link href={`/instructor/authoring/${courseSlug}`}>{courseSlug}</Link> / {labSlug}
      </p>
      <h1>{lab.title || labSlug}</h1>
      <h2>Versions</h2>
      <DataTable
        caption="Versions"
        rows={lab.versions}
        rowKey={(version) => version.version}
        columns={[
          { key: "version", header: "Version", cell: (version) => `v${version.version}` },
          { key: "saved", header: "Saved", cell: (version) => formatDateTime(version.createdAt) },
          { key: "submissions", header: "Submissions graded against it", cell: (version) => version.submissions },
        ]}
      />
      <h2>Edit</h2>
      <p className="muted">
        The form holds the latest version. Saving a change adds a new version; submissions stay with the one they were
        graded against.
      </p>
      <AssignmentForm courseSlug={courseSlug} assignmentSlug={labSlug} initial={lab.form} />
    </>
  );
}
