import type { Metadata } from "next";
import { DataTable } from "@/app/_components/data-table";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getLocale } from "@/lib/i18n/locale";
import { Link } from "@/lib/i18n/navigation";
import { similarityMessagesFor } from "@/lib/i18n/similarity-messages";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { listSimilarityAnalyses } from "@/lib/similarity/list-similarity-analyses";
import { SIMILARITY_THRESHOLD } from "@/lib/similarity/similarity-constants";
import { AutoRefresh } from "../../../../../_components/auto-refresh";
import { formatDateTime, orPageError } from "../../../../../_lib/page-errors";
import { taughtTitles } from "../../../../../_lib/taught-titles";
import { AnalysisProgress } from "./_components/analysis-progress";
import { RunForm } from "./run-form";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ courseSlug: string; labSlug: string }>;
}): Promise<Metadata> {
  const { courseSlug, labSlug } = await params;
  const locale = await getLocale();
  const t = similarityMessagesFor(locale);
  return { title: t.title((await taughtTitles(locale, courseSlug, labSlug))?.lab ?? t.crumb) };
}

export default async function SimilarityPage({ params }: { params: Promise<{ courseSlug: string; labSlug: string }> }) {
  const { courseSlug, labSlug } = await params;
  const base = `/instructor/courses/${courseSlug}/labs/${labSlug}/similarity`;
  const viewer = await requirePageRole(base, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const common = staffMessagesFor(locale).common;
  const t = similarityMessagesFor(locale);
  const { course, assignment, analyses } = await orPageError(
    listSimilarityAnalyses({ viewer, courseSlug, assignmentSlug: labSlug, locale }),
  );
  const isBusy = analyses.some((analysis) => analysis.status === "QUEUED" || analysis.status === "RUNNING");
  return (
    <>
      <AutoRefresh seconds={2} isActive={isBusy} />
      <p className="muted">
        <Link href="/instructor">{common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}/labs/${assignment.slug}`}>{assignment.title}</Link> / {t.crumb}
      </p>
      <h1>{t.heading(assignment.title)}</h1>
      <p>{t.intro}</p>

      <h2>{t.runHeading}</h2>
      <RunForm
        courseSlug={course.slug}
        assignmentSlug={assignment.slug}
        defaultThreshold={SIMILARITY_THRESHOLD}
        locale={locale}
      />

      <h2>{t.analyses}</h2>
      <DataTable
        caption={t.analysesCaption}
        rows={analyses}
        rowKey={(analysis) => analysis.id}
        empty={t.noAnalyses}
        testId="similarity-analyses"
        columns={[
          { key: "started", header: t.startedAt, cell: (analysis) => formatDateTime(analysis.createdAt) },
          {
            key: "sources",
            header: t.sources,
            cell: (analysis) => (
              <>
                {analysis.status === "DONE" ? t.sourcesText(analysis.submissionCount, analysis.fileCount) : t.pending}
                <br />
                <span className="muted">
                  {t.basisText[analysis.basis]}
                  {analysis.includesOtherRuns && `, ${t.withOtherRuns}`}
                  {analysis.archiveName && (
                    <>
                      , {t.withArchive} <code>{analysis.archiveName}</code>
                    </>
                  )}
                </span>
              </>
            ),
          },
          { key: "status", header: t.status, cell: (analysis) => <AnalysisProgress analysis={analysis} t={t} /> },
          {
            key: "pairs",
            header: t.pairs,
            cell: (analysis) => (analysis.status === "DONE" ? analysis.pairCount : "—"),
          },
          { key: "flagged", header: t.flagged, cell: (analysis) => analysis.flaggedCount },
          {
            key: "open",
            header: <span className="muted">{common.details}</span>,
            cell: (analysis) =>
              analysis.status === "DONE" ? (
                <Link href={`${base}/${analysis.id}`} aria-label={t.openAnalysis(formatDateTime(analysis.createdAt))}>
                  {t.open}
                </Link>
              ) : (
                "—"
              ),
          },
        ]}
      />
    </>
  );
}
