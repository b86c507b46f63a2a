import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getGradebook, type Gradebook } from "@/lib/instructor/gradebook";
import { DataTable, type Column } from "@/app/_components/data-table";
import { LearnerCell } from "../../../_components/learner-cell";
import { orPageError } from "../../../_lib/page-errors";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Gradebook · Instructor" };

const KIND_LABEL = { lab: "Lab", quiz: "Quiz", exam: "Exam" } as const;

type GradebookRow = Gradebook["rows"][number];

export default async function GradebookPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}/gradebook`, "INSTRUCTOR", "ADMIN");
  const book = await orPageError(getGradebook({ viewer, courseSlug }));
  return (
    <>
      <p className="muted">
        <Link href="/instructor">Instructor workspace</Link> /{" "}
        <Link href={`/instructor/courses/${book.course.slug}`}>{book.course.title}</Link> / Gradebook
      </p>
      <h1>{book.course.title}: gradebook</h1>
      <p>
        Each cell shows the learner&apos;s best result (lab metric, or quiz percent) and whether it is passed.{" "}
        <a href={`/instructor/courses/${book.course.slug}/gradebook/csv`} download className="button secondary">
          Download CSV
        </a>
      </p>
      <DataTable
        caption="Gradebook"
        rows={book.rows}
        rowKey={(row) => row.learner.id}
        empty="Nobody is enrolled in this course as a learner yet."
        columns={[
          {
            key: "learner",
            header: "Learner",
            isRowHeader: true,
            style: { fontWeight: "normal" },
            cell: (row) => <LearnerCell user={row.learner} />,
          },
          ...book.columns.map((column, index): Column<GradebookRow> => ({
            key: `${column.kind}:${column.slug}`,
            header: (
              <>
                <span className="muted">{KIND_LABEL[column.kind]}</span>
                <br />
                {column.title || column.slug}
              </>
            ),
            cell: (row) => {
              const cell = row.cells[index];
              if (!cell) return null;
              return cell.tries === 0 ? (
                <span className="muted">not tried</span>
              ) : (
                <>
                  {cell.best === null
                    ? "—"
                    : column.kind === "lab"
                      ? Number(cell.best.toPrecision(4))
                      : `${Math.round(cell.best)}%`}{" "}
                  <span className={`badge ${cell.isPassed ? "passed" : "failed"}`}>
                    {cell.isPassed ? "passed" : "not passed"}
                  </span>
                </>
              );
            },
          })),
          { key: "certificate", header: "Certificate", cell: (row) => row.certificate },
        ]}
      />
    </>
  );
}
