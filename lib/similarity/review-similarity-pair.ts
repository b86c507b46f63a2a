// An instructor marks a pair reviewed, or flags it with a note; a flag may suspend the certificates of
// the learners involved, through the certificates' own suspension (its checks, its audit entry, the
// status list), with a reason naming the analysis and the pair.
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { CurrentUser } from "../auth";
import { canManageCertificates } from "../certificates/certificate-access";
import { changeCertificateStatus } from "../certificates/change-certificate-status";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { parseInput } from "../validation";
import { isIdLike, requireAnalysis } from "./require-analysis";

export const ReviewSimilarityPairSchema = z
  .object({
    decision: z.enum(["review", "flag"], { message: "Choose reviewed or flagged." }),
    /** Required for a flag: it is kept with the pair and in the audit log. */
    note: z.string().trim().max(1_000, "Keep the note under 1,000 characters.").default(""),
    /** A checkbox ("on" or absent); only a flag suspends. */
    suspendCertificates: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
  })
  .superRefine((input, context) => {
    if (input.decision === "flag" && input.note.length < 3)
      context.addIssue({
        code: "custom",
        path: ["note"],
        message: "Say why you flag this pair (at least 3 characters).",
      });
  });

export async function reviewSimilarityPair({
  actor,
  courseSlug,
  assignmentSlug,
  analysisId,
  pairId,
  input,
}: {
  actor: CurrentUser;
  courseSlug: string;
  assignmentSlug: string;
  analysisId: unknown;
  pairId: unknown;
  input: unknown;
}): Promise<{ suspended: string[] }> {
  const { course, analysis } = await requireAnalysis(actor, { courseSlug, assignmentSlug, analysisId });
  if (!isIdLike(pairId)) throw new NotFoundError("There is no such pair.");
  const { decision, note, suspendCertificates } = parseInput(ReviewSimilarityPairSchema, input);
  const pair = await db.similarityPair.findFirst({
    where: { id: pairId, analysisId: analysis.id },
    select: {
      id: true,
      leftSubmission: { select: { userId: true, assignment: { select: { courseId: true } } } },
      rightSubmission: { select: { userId: true, assignment: { select: { courseId: true } } } },
    },
  });
  if (!pair) throw new NotFoundError("There is no such pair.");
  const isFlag = decision === "flag";
  const sides = [pair.leftSubmission, pair.rightSubmission].flatMap((side) =>
    side ? [{ userId: side.userId, courseId: side.assignment.courseId }] : [],
  );
  // A side from another course run is suspended only where the actor may manage certificates.
  const learners: typeof sides = [];
  for (const side of sides) if (await canManageCertificates(actor, side.courseId)) learners.push(side);
  const certificates =
    isFlag && suspendCertificates && learners.length > 0
      ? await db.certificate.findMany({
          where: { OR: learners, revokedAt: null, suspendedAt: null },
          select: { publicId: true },
        })
      : [];

  await db.$transaction(async (tx) => {
    await tx.similarityPair.update({
      where: { id: pair.id },
      data: {
        reviewState: isFlag ? "FLAGGED" : "REVIEWED",
        reviewNote: note || null,
        reviewedById: actor.id,
        reviewedAt: new Date(),
      },
    });
    await recordAudit({
      tx,
      actorId: actor.id,
      action: isFlag ? "similarity.pair.flag" : "similarity.pair.review",
      targetType: "similarityPair",
      targetId: pair.id,
      courseId: course.id,
      details: {
        analysisId: analysis.id,
        pairId: pair.id,
        note,
        suspendedCertificates: certificates.map((certificate) => certificate.publicId),
      },
    });
  });
  // Each suspension is its own transaction with its own audit entry, as on the certificates page;
  // its reason names the analysis and the pair, so the certificate's history says where it came from.
  for (const certificate of certificates) {
    await changeCertificateStatus({
      actor,
      input: {
        publicId: certificate.publicId,
        action: "suspend",
        reason: `Flagged in similarity analysis ${analysis.id}, pair ${pair.id}: ${note}`.slice(0, 500),
      },
    });
  }
  return { suspended: certificates.map((certificate) => certificate.publicId) };
}
