import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getLocale } from "@/lib/i18n/locale";
import { Link } from "@/lib/i18n/navigation";
import { similarityMessagesFor } from "@/lib/i18n/similarity-messages";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { getSimilarityClusters } from "@/lib/similarity/get-similarity-clusters";
import { firstValues, formatDateTime, orPageError } from "../../../../../../../_lib/page-errors";
import { taughtTitles } from "../../../../../../../_lib/taught-titles";
import { SideName, sideLabel } from "../../_components/side-name";
import { ThresholdForm } from "../../_components/threshold-form";

interface ClustersPageProps {
  params: Promise<{ courseSlug: string; labSlug: string; analysisId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: ClustersPageProps): Promise<Metadata> {
  const { courseSlug, labSlug } = await params;
  const locale = await getLocale();
  const t = similarityMessagesFor(locale);
  return { title: t.clustersTitle((await taughtTitles(locale, courseSlug, labSlug))?.lab ?? t.crumb) };
}

export default async function SimilarityClustersPage({ params, searchParams }: ClustersPageProps) {
  const { courseSlug, labSlug, analysisId } = await params;
  const base = `/instructor/courses/${courseSlug}/labs/${labSlug}/similarity`;
  const viewer = await requirePageRole(`${base}/${analysisId}/clusters`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const common = staffMessagesFor(locale).common;
  const t = similarityMessagesFor(locale);
  const query = firstValues(await searchParams);
  const { course, assignment, analysis, threshold, clusters } = await orPageError(
    getSimilarityClusters({ viewer, courseSlug, assignmentSlug: labSlug, analysisId, query, locale }),
  );
  const analysisHref = `${base}/${analysis.id}`;
  const names = new Map(
    clusters.flatMap((cluster) => cluster.members.map((member) => [member.key, sideLabel(member)])),
  );
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}/labs/${assignment.slug}`}>{assignment.title}</Link> /{" "}
        <Link href={base}>{t.crumb}</Link> /{" "}
        <Link href={analysisHref}>{t.analysisCrumb(formatDateTime(analysis.createdAt))}</Link> / {t.clustersCrumb}
      </p>
      <h1>{t.clustersHeading(threshold)}</h1>
      <p>{t.clustersIntro}</p>
      <ThresholdForm action={`${analysisHref}/clusters`} threshold={threshold} t={t} />
      {clusters.length === 0 ? (
        <p className="empty">{t.noClusters}</p>
      ) : (
        clusters.map((cluster, position) => (
          <section
            key={cluster.members.map((member) => member.key).join()}
            className="card"
            aria-labelledby={`cluster-${position + 1}`}
            style={{ marginTop: "1rem" }}
          >
            <h2 id={`cluster-${position + 1}`}>{t.cluster(position + 1, cluster.members.length, cluster.maxScore)}</h2>
            <h3>{t.members}</h3>
            <ul>
              {cluster.members.map((member) => (
                <li key={member.key}>
                  <SideName side={member} courseId={course.id} t={t} />
                </li>
              ))}
            </ul>
            <h3>{t.clusterPairs}</h3>
            <ul>
              {cluster.pairs.map((pair) => {
                const left = names.get(pair.leftKey) ?? "—";
                const right = names.get(pair.rightKey) ?? "—";
                return (
                  <li key={pair.id}>
                    <Link href={`${analysisHref}/pairs/${pair.id}`}>{t.pairHeading(left, right)}</Link> (
                    {Math.round(pair.score * 100)}%)
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
      <p>
        <Link href={analysisHref}>{t.backToAnalysis}</Link>
      </p>
    </>
  );
}
