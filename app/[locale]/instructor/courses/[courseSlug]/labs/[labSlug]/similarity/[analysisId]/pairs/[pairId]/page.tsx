import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/page-guards";
import { getLocale } from "@/lib/i18n/locale";
import { Link } from "@/lib/i18n/navigation";
import { similarityMessagesFor } from "@/lib/i18n/similarity-messages";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { getSimilarityPair } from "@/lib/similarity/get-similarity-pair";
import { formatDateTime, orPageError } from "../../../../../../../../_lib/page-errors";
import { CodeWithFragments, fragmentAnchor } from "../../../_components/code-with-fragments";
import { SideName, sideLabel } from "../../../_components/side-name";
import { ReviewForm } from "./review-form";

interface PairPageProps {
  params: Promise<{ courseSlug: string; labSlug: string; analysisId: string; pairId: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: similarityMessagesFor(await getLocale()).pairTitle };
}

export default async function SimilarityPairPage({ params }: PairPageProps) {
  const { courseSlug, labSlug, analysisId, pairId } = await params;
  const base = `/instructor/courses/${courseSlug}/labs/${labSlug}/similarity`;
  const viewer = await requirePageRole(`${base}/${analysisId}/pairs/${pairId}`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const common = staffMessagesFor(locale).common;
  const t = similarityMessagesFor(locale);
  const { course, assignment, analysis, pair, certificates } = await orPageError(
    getSimilarityPair({ viewer, courseSlug, assignmentSlug: labSlug, analysisId, pairId, locale }),
  );
  const leftLabel = sideLabel(pair.left.side);
  const rightLabel = sideLabel(pair.right.side);
  const analysisHref = `${base}/${analysis.id}`;
  return (
    <>
      <p className="muted">
        <Link href="/instructor">{common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}`}>{course.title}</Link> /{" "}
        <Link href={`/instructor/courses/${course.slug}/labs/${assignment.slug}`}>{assignment.title}</Link> /{" "}
        <Link href={base}>{t.crumb}</Link> /{" "}
        <Link href={analysisHref}>{t.analysisCrumb(formatDateTime(analysis.createdAt))}</Link> / {t.pairCrumb}
      </p>
      <h1>{t.pairHeading(leftLabel, rightLabel)}</h1>
      <p data-testid="pair-summary">{t.pairSummary(pair.score, pair.longestFragment, pair.fragments.length)}</p>

      <h2>{t.fragmentsHeading}</h2>
      <p className="muted">{t.fragmentsIntro}</p>
      {pair.fragments.length === 0 ? (
        <p className="empty">{t.noFragments}</p>
      ) : (
        <ol data-testid="fragment-list">
          {pair.fragments.map((fragment, position) => {
            const index = position + 1;
            return (
              <li key={index}>
                <a href={`#${fragmentAnchor("left", index)}`}>
                  {t.fragmentLink(index, leftLabel, fragment.left.startLine, fragment.left.endLine)}
                </a>
                {" · "}
                <a href={`#${fragmentAnchor("right", index)}`}>
                  {t.fragmentLink(index, rightLabel, fragment.right.startLine, fragment.right.endLine)}
                </a>
              </li>
            );
          })}
        </ol>
      )}

      <div
        style={{
          display: "grid",
          gap: "1rem",
          gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 24rem), 1fr))",
          alignItems: "start",
        }}
      >
        {(
          [
            ["left", "right", pair.left, pair.fragments.map((fragment) => fragment.left)],
            ["right", "left", pair.right, pair.fragments.map((fragment) => fragment.right)],
          ] as const
        ).map(([side, otherSide, { side: who, code }, ranges]) => (
          <section key={side} aria-labelledby={`${side}-heading`} style={{ minWidth: 0 }}>
            <h3 id={`${side}-heading`}>
              <SideName side={who} courseId={course.id} t={t} />
            </h3>
            <CodeWithFragments
              code={code}
              ranges={[...ranges]}
              side={side}
              otherSide={otherSide}
              label={t.codeOf(sideLabel(who))}
              fragmentMark={t.fragmentMark}
              emptyCode={t.emptyCode}
            />
          </section>
        ))}
      </div>

      <h2>{t.reviewHeading}</h2>
      <p data-testid="review-state">
        {pair.reviewedAt
          ? t.reviewedBy(t.reviewState[pair.reviewState], pair.reviewerName ?? "—", formatDateTime(pair.reviewedAt))
          : t.notReviewed}
      </p>
      {pair.reviewNote && <p>{t.reviewNote(pair.reviewNote)}</p>}

      <h3>{t.certificatesHeading}</h3>
      {certificates.length === 0 ? (
        <p className="empty">{t.noCertificates}</p>
      ) : (
        <ul>
          {certificates.map((certificate) => (
            <li key={certificate.publicId}>
              <Link href={`/verify/${certificate.publicId}`}>
                {t.certificateOf(certificate.holderName, t.certificateStatus[certificate.status])}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <ReviewForm
        courseSlug={course.slug}
        assignmentSlug={assignment.slug}
        analysisId={analysis.id}
        pairId={pair.id}
        hasCertificates={certificates.some((certificate) => certificate.status === "valid")}
        locale={locale}
      />
      <p>
        <Link href={analysisHref}>{t.backToAnalysis}</Link>
      </p>
    </>
  );
}
