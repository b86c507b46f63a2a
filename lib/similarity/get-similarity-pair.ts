// One pair for the side-by-side page: both files' code, the matched fragments on each side, the
// review so far, and the certificates a flag could suspend.
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { NotFoundError } from "../errors";
import type { Viewer } from "../instructor/course-access";
import { describeSides, sideKey } from "./describe-sides";
import { MatchedFragmentsSchema } from "./fragments";
import { ArchiveFilesSchema } from "./read-archive";
import { isIdLike, requireAnalysis } from "./require-analysis";

export async function getSimilarityPair({
  viewer,
  courseSlug,
  assignmentSlug,
  analysisId,
  pairId,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  assignmentSlug: string;
  analysisId: unknown;
  pairId: unknown;
  locale?: Locale;
}) {
  const found = await requireAnalysis(viewer, { courseSlug, assignmentSlug, analysisId }, locale);
  if (!isIdLike(pairId)) throw new NotFoundError("There is no such pair.");
  const pair = await db.similarityPair.findFirst({
    where: { id: pairId, analysisId: found.analysis.id },
    select: {
      id: true,
      score: true,
      longestFragment: true,
      fragments: true,
      reviewState: true,
      reviewNote: true,
      reviewedAt: true,
      reviewedById: true,
      leftSubmissionId: true,
      leftArchivePath: true,
      rightSubmissionId: true,
      rightArchivePath: true,
      leftSubmission: { select: { code: true } },
      rightSubmission: { select: { code: true } },
      analysis: { select: { archiveFiles: true } },
    },
  });
  if (!pair) throw new NotFoundError("There is no such pair.");
  const sides = await describeSides([pair], locale);
  const left = sides.get(sideKey(pair.leftSubmissionId, pair.leftArchivePath));
  const right = sides.get(sideKey(pair.rightSubmissionId, pair.rightArchivePath));
  if (!left || !right) throw new NotFoundError("There is no such pair.");
  const archive = new Map(
    ArchiveFilesSchema.catch([])
      .parse(pair.analysis.archiveFiles)
      .map((file) => [file.path, file.code]),
  );
  const codeOf = (code: string | undefined, path: string | null) =>
    code ?? (path === null ? "" : (archive.get(path) ?? ""));
  const learnerIds = [left, right].flatMap((side) => (side.kind === "submission" ? [side.userId] : []));
  const courseIds = [left, right].flatMap((side) => (side.kind === "submission" ? [side.courseId] : []));
  const [certificates, reviewer] = await Promise.all([
    db.certificate.findMany({
      where: { userId: { in: learnerIds }, courseId: { in: courseIds } },
      select: { publicId: true, userId: true, holderName: true, revokedAt: true, suspendedAt: true },
    }),
    pair.reviewedById ? db.user.findUnique({ where: { id: pair.reviewedById }, select: { name: true } }) : null,
  ]);
  return {
    ...found,
    pair: {
      id: pair.id,
      score: pair.score,
      longestFragment: pair.longestFragment,
      fragments: MatchedFragmentsSchema.catch([]).parse(pair.fragments),
      reviewState: pair.reviewState,
      reviewNote: pair.reviewNote,
      reviewedAt: pair.reviewedAt,
      reviewerName: reviewer?.name ?? null,
      left: { side: left, code: codeOf(pair.leftSubmission?.code, pair.leftArchivePath) },
      right: { side: right, code: codeOf(pair.rightSubmission?.code, pair.rightArchivePath) },
    },
    certificates: certificates.map((certificate) => ({
      publicId: certificate.publicId,
      holderName: certificate.holderName,
      status: certificate.revokedAt
        ? ("revoked" as const)
        : certificate.suspendedAt
          ? ("suspended" as const)
          : ("valid" as const),
    })),
  };
}
