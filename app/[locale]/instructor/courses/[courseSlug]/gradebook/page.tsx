import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getGradebook, type Gradebook } from "@/lib/instructor/gradebook";
import { DataTable, type Column } from "@/app/_components/data-table";
import { LearnerCell } from "../../../_components/learner-cell";
import { orPageError } from "../../../_lib/page-errors";
import { taughtTitles } from "../../../_lib/taught-titles";
import { getLocale } from "@/lib/i18n/locale";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { formatMetric } from "@/lib/submissions/format";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata({ params }: { params: Promise<{ courseSlug: string }> }): Promise<Metadata> {
  const locale = await getLocale();
  const t = staffMessagesFor(locale).gradebook;
  return { title: t.title((await taughtTitles(locale, (await params).courseSlug))?.course ?? t.crumb) };
}

type GradebookRow = Gradebook["rows"][number];

export default async function GradebookPage({ params }: { params: Promise<{ courseSlug: string }> }) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}/gradebook`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const text = staffMessagesFor(locale);
  const t = text.gradebook;
  const review = reviewMessagesFor(locale).gradebook;
  const book = await orPageError(getGradebook({ viewer, courseSlug, locale }));
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{text.common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${book.course.slug}`}>{book.course.title}</Link> / {t.crumb}
      </p>
      <h1>{t.heading(book.course.title)}</h1>
      <p>
        {t.intro}{" "}
        <a href={`/instructor/courses/${book.course.slug}/gradebook/csv`} download className="button secondary">
          {t.csv}
        </a>
      </p>
      <DataTable
        caption={t.crumb}
        rows={book.rows}
        rowKey={(row) => row.learner.id}
        empty={t.empty}
        columns={[
          {
            key: "learner",
            header: text.common.learner,
            isRowHeader: true,
            style: { fontWeight: "normal" },
            cell: (row) => <LearnerCell user={row.learner} />,
          },
          ...book.columns.map((column, index): Column<GradebookRow> => ({
            key: `${column.kind}:${column.slug}`,
            header: (
              <>
                <span className="muted">{t.kind[column.kind]}</span>
                <br />
                {column.title || column.slug}
              </>
            ),
            cell: (row) => {
              const cell = row.cells[index];
              if (!cell) return null;
              return cell.tries === 0 ? (
                <span className="muted">{t.notTried}</span>
              ) : (
                <>
                  {cell.best === null
                    ? "—"
                    : column.metricName
                      ? formatMetric(column.metricName, cell.best)
                      : column.kind === "lab"
                        ? Number(cell.best.toPrecision(4))
                        : `${Math.round(cell.best)}%`}{" "}
                  {typeof cell.combined === "number" && `(${review.combined(cell.combined.toFixed(1))}) `}
                  <span className={`badge ${cell.isPassed ? "passed" : "failed"}`}>
                    {cell.isPassed ? t.passed : cell.isAwaitingReview ? review.awaiting : t.notPassed}
                  </span>
                </>
              );
            },
          })),
          { key: "certificate", header: t.certificate, cell: (row) => t.certificateState[row.certificate] },
        ]}
      />
    </>
  );
}
