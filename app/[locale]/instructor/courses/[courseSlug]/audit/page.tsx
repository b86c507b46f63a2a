import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { listCourseAuditLog } from "@/lib/instructor/list-course-audit-log";
import { DataTable } from "@/app/_components/data-table";
import { Pagination } from "../../../_components/pagination";
import { firstValues, formatDateTime, orPageError } from "../../../_lib/page-errors";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Audit log · Instructor" };

/** The details worth a glance in a table cell; the full JSON is one click away. */
function summary(details: unknown): string {
  if (typeof details !== "object" || details === null) return "";
  const record = details as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof record.reason === "string") parts.push(`“${record.reason}”`);
  if (typeof record.total === "number") parts.push(`${record.total} submissions`);
  if (typeof record.extraAttempts === "number") parts.push(`+${record.extraAttempts} attempts`);
  if (typeof record.deadline === "string") parts.push(`deadline ${record.deadline.slice(0, 16).replace("T", " ")} UTC`);
  if (typeof record.email === "string") parts.push(record.email);
  return parts.join(" · ");
}

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ courseSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}/audit`, "INSTRUCTOR", "ADMIN");
  const log = await orPageError(listCourseAuditLog({ viewer, courseSlug, query: firstValues(await searchParams) }));
  const base = `/instructor/courses/${log.course.slug}`;
  return (
    <>
      <p className="muted">
        <Link href="/instructor">Instructor workspace</Link> / <Link href={base}>{log.course.title}</Link> / Audit log
      </p>
      <h1>{log.course.title}: audit log</h1>
      <p className="muted">
        Every regrade, extension, certificate and role change in this course, newest first. Entries cannot be edited or
        deleted.
      </p>
      <DataTable
        caption="Audit log"
        rows={log.entries}
        rowKey={(entry) => entry.id}
        empty={log.page > 1 ? "There are no entries on this page." : "Nothing has been recorded for this course yet."}
        columns={[
          { key: "when", header: "When", cell: (entry) => formatDateTime(entry.createdAt) },
          { key: "who", header: "Who", cell: (entry) => (entry.actor ? entry.actor.name : "the platform") },
          { key: "action", header: "Action", cell: (entry) => <code>{entry.action}</code> },
          {
            key: "on",
            header: "On",
            cell: (entry) =>
              entry.targetType === "submission" ? (
                <Link href={`${base}/submissions/${entry.targetId}`}>submission</Link>
              ) : (
                entry.targetType
              ),
          },
          {
            key: "details",
            header: "Details",
            cell: (entry) => (
              <>
                {summary(entry.details)}
                <details>
                  <summary className="muted">All details</summary>
                  <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-all", maxHeight: "16rem", overflow: "auto" }}>
                    {JSON.stringify(entry.details, null, 2)}
                  </pre>
                </details>
              </>
            ),
          },
        ]}
      />
      {log.entries.length > 0 && (
        <Pagination page={log.page} pageCount={log.pageCount} hrefFor={(page) => `${base}/audit?page=${page}`} />
      )}
    </>
  );
}
