import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { listExtensions } from "@/lib/instructor/list-extensions";
import { DataTable } from "@/app/_components/data-table";
import { LearnerCell } from "../../../../../_components/learner-cell";
import { formatDateTime, orPageError } from "../../../../../_lib/page-errors";
import { ExtensionForm } from "./extension-form";
import { RevokeButton } from "./revoke-button";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Extensions · Instructor" };

export default async function ExtensionsPage({ params }: { params: Promise<{ courseSlug: string; labSlug: string }> }) {
  const { courseSlug, labSlug } = await params;
  const viewer = await requirePageRole(
    `/instructor/courses/${courseSlug}/labs/${labSlug}/extensions`,
    "INSTRUCTOR",
    "ADMIN",
  );
  const data = await orPageError(listExtensions({ viewer, courseSlug, assignmentSlug: labSlug }));
  const { course, assignment, limits } = data;
  return (
    <>
      <p className="muted">
        <Link href="/instructor">Instructor workspace</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}/labs/${assignment.slug}`}>{assignment.title}</Link> / Extensions
      </p>
      <h1>{assignment.title}: extensions</h1>
      <p>
        For everyone: deadline {limits.deadline ? formatDateTime(limits.deadline) : "none"},{" "}
        {limits.maxAttempts === null ? "unlimited attempts" : `${limits.maxAttempts} attempts`}. An extension gives one
        learner their own deadline and extra attempts.
      </p>

      <h2>Granted</h2>
      <DataTable
        caption="Granted extensions"
        rows={data.extensions}
        rowKey={(extension) => extension.id}
        empty="No learner has an extension for this lab."
        columns={[
          { key: "learner", header: "Learner", cell: (extension) => <LearnerCell user={extension.user} /> },
          {
            key: "deadline",
            header: "Deadline",
            cell: (extension) => (extension.deadline ? formatDateTime(extension.deadline) : "the lab's"),
          },
          { key: "extra", header: "Extra attempts", cell: (extension) => extension.extraAttempts },
          { key: "used", header: "Attempts used", cell: (extension) => extension.usedAttempts },
          { key: "reason", header: "Reason", cell: (extension) => extension.reason },
          { key: "granted", header: "Granted", cell: (extension) => formatDateTime(extension.createdAt) },
          {
            key: "revoke",
            header: <span className="muted">Revoke</span>,
            cell: (extension) => (
              <RevokeButton
                courseSlug={course.slug}
                assignmentSlug={assignment.slug}
                learnerId={extension.userId}
                learnerName={extension.user.name}
              />
            ),
          },
        ]}
      />

      <h2>Grant or replace an extension</h2>
      {data.learners.length === 0 ? (
        <p className="empty">Nobody is enrolled in this course as a learner yet.</p>
      ) : (
        <ExtensionForm courseSlug={course.slug} assignmentSlug={assignment.slug} learners={data.learners} />
      )}
    </>
  );
}
