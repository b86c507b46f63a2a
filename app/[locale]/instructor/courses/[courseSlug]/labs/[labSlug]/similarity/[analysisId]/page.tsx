import type { Metadata } from "next";
import { DataTable } from "@/app/_components/data-table";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getLocale } from "@/lib/i18n/locale";
import { Link } from "@/lib/i18n/navigation";
import { similarityMessagesFor } from "@/lib/i18n/similarity-messages";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { getSimilarityAnalysis } from "@/lib/similarity/get-similarity-analysis";
import { PAIRS_PER_PAGE } from "@/lib/similarity/similarity-constants";
import { AutoRefresh } from "../../../../../../_components/auto-refresh";
import { Pagination } from "../../../../../../_components/pagination";
import { firstValues, formatDateTime, orPageError } from "../../../../../../_lib/page-errors";
import { taughtTitles } from "../../../../../../_lib/taught-titles";
import { AnalysisProgress } from "../_components/analysis-progress";
import { SideName, sideLabel } from "../_components/side-name";
import { ThresholdForm } from "../_components/threshold-form";

interface AnalysisPageProps {
  params: Promise<{ courseSlug: string; labSlug: string; analysisId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: AnalysisPageProps): Promise<Metadata> {
  const { courseSlug, labSlug } = await params;
  const locale = await getLocale();
  const t = similarityMessagesFor(locale);
  return { title: t.analysisTitle((await taughtTitles(locale, courseSlug, labSlug))?.lab ?? t.crumb) };
}

export default async function SimilarityAnalysisPage({ params, searchParams }: AnalysisPageProps) {
  const { courseSlug, labSlug, analysisId } = await params;
  const base = `/instructor/courses/${courseSlug}/labs/${labSlug}/similarity`;
  const viewer = await requirePageRole(`${base}/${analysisId}`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const common = staffMessagesFor(locale).common;
  const t = similarityMessagesFor(locale);
  const query = firstValues(await searchParams);
  const result = await orPageError(
    getSimilarityAnalysis({ viewer, courseSlug, assignmentSlug: labSlug, analysisId, query, locale }),
  );
  const { course, assignment, analysis, threshold } = result;
  const here = `${base}/${analysis.id}`;
  const thresholdQuery = query.threshold ? `threshold=${threshold}` : "";
  const hrefFor = (page: number) => `${here}?${[thresholdQuery, `page=${page}`].filter(Boolean).join("&")}`;
  const isBusy = analysis.status === "QUEUED" || analysis.status === "RUNNING";
  const when = formatDateTime(analysis.createdAt);
  return (
    <>
      <AutoRefresh seconds={2} isActive={isBusy} />
      <p className="muted">
        <Link href="/instructor">{common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}/labs/${assignment.slug}`}>{assignment.title}</Link> /{" "}
        <Link href={base}>{t.crumb}</Link> / {t.analysisCrumb(when)}
      </p>
      <h1>{t.analysisHeading(when)}</h1>
      <p>
        {t.basisText[analysis.basis]}
        {analysis.includesOtherRuns && `, ${t.withOtherRuns}`}
        {analysis.archiveName && (
          <>
            , {t.withArchive} <code>{analysis.archiveName}</code>
          </>
        )}
        . {analysis.status === "DONE" && t.sourcesText(analysis.submissionCount, analysis.fileCount)}
      </p>
      {isBusy && <p role="status">{analysis.status === "QUEUED" ? t.isQueued : t.isRunning(analysis.progress)}</p>}
      <AnalysisProgress analysis={analysis} t={t} />

      {analysis.status === "DONE" && (
        <>
          <ThresholdForm action={here} threshold={threshold} t={t} />
          <p>
            {t.aboveThreshold(result.aboveThreshold, threshold)}{" "}
            <Link href={`${here}/clusters${thresholdQuery ? `?${thresholdQuery}` : ""}`}>{t.clustersLink}</Link>
          </p>
          <h2>{t.pairs}</h2>
          <DataTable
            caption={t.pairsCaption}
            rows={result.pairs.map((pair, index) => ({
              ...pair,
              rank: (result.page - 1) * PAIRS_PER_PAGE + index + 1,
            }))}
            rowKey={(pair) => pair.id}
            empty={t.noPairs}
            testId="similarity-pairs"
            rowTestId="similarity-pair"
            columns={[
              { key: "rank", header: t.rank, cell: (pair) => pair.rank },
              {
                key: "score",
                header: t.similarity,
                cell: (pair) => (
                  <>
                    <strong>{Math.round(pair.score * 100)}%</strong>
                    {pair.score >= threshold && (
                      <>
                        <br />
                        <span className="muted">{t.aboveMark}</span>
                      </>
                    )}
                  </>
                ),
              },
              { key: "left", header: t.left, cell: (pair) => <SideName side={pair.left} courseId={course.id} t={t} /> },
              {
                key: "right",
                header: t.right,
                cell: (pair) => <SideName side={pair.right} courseId={course.id} t={t} />,
              },
              { key: "longest", header: t.longest, cell: (pair) => t.longestText(pair.longestFragment) },
              { key: "review", header: t.review, cell: (pair) => t.reviewState[pair.reviewState] },
              {
                key: "open",
                header: <span className="muted">{common.details}</span>,
                cell: (pair) => (
                  <Link
                    href={`${here}/pairs/${pair.id}`}
                    aria-label={t.openPair(sideLabel(pair.left), sideLabel(pair.right))}
                  >
                    {t.open}
                  </Link>
                ),
              },
            ]}
          />
          {result.pairs.length > 0 && (
            <Pagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} locale={locale} />
          )}
        </>
      )}
    </>
  );
}
