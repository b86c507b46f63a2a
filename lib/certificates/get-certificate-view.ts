// What /verify/<id> shows: the verdict of verifying the signed credential itself, and the details
// the viewer is allowed to see.
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { canManageCertificates, canSeeCertificateDetails } from "./certificate-access";
import type { CredentialSummary } from "./credential-schema";
import { verifyLocally } from "./local-verification";
import { PublicIdSchema } from "./public-id";
import type { VerdictStatus } from "./verify-credential";

export interface CertificateView {
  publicId: string;
  status: VerdictStatus;
  problems: string[];
  /** Null when the holder made the certificate private and the viewer is someone else. */
  details: CredentialSummary | null;
  isPublic: boolean;
  isHolder: boolean;
  /** Whether it has the OB 3.0 VC-JWT form (certificates issued before that form have not). */
  hasObToken: boolean;
  /** Present for admins and the course's instructors, who may change the status. */
  management: {
    revokedAt: Date | null;
    revocationReason: string | null;
    suspendedAt: Date | null;
    suspensionReason: string | null;
  } | null;
}

export async function getCertificateView(
  publicId: string,
  viewer: CurrentUser | null,
): Promise<CertificateView | null> {
  if (!PublicIdSchema.safeParse(publicId).success) return null;
  const certificate = await db.certificate.findUnique({
    where: { publicId },
    select: {
      userId: true,
      courseId: true,
      isPublic: true,
      credentialJwt: true,
      credential: true,
      obCredentialJwt: true,
      revokedAt: true,
      revocationReason: true,
      suspendedAt: true,
      suspensionReason: true,
    },
  });
  if (!certificate) return null;
  // Both signed forms are served (certificates issued before embedded proofs have only the JWT), so
  // both must hold; the embedded-proof one, which wallets and verifiers check, speaks otherwise.
  const verdicts = await Promise.all([
    ...(certificate.credential ? [verifyLocally(JSON.stringify(certificate.credential))] : []),
    verifyLocally(certificate.credentialJwt),
  ]);
  const verdict = verdicts.find((candidate) => candidate.status === "not_genuine") ?? verdicts[0];
  // A genuine credential for another id, stored under this one, does not vouch for this URL.
  const isForThisId = verdict.summary?.publicId === publicId;
  const status: VerdictStatus = verdict.summary && !isForThisId ? "not_genuine" : verdict.status;
  const problems =
    verdict.summary && !isForThisId ? ["The stored credential belongs to a different certificate."] : verdict.problems;
  const isManager = await canManageCertificates(viewer, certificate.courseId);
  const maySeeDetails = await canSeeCertificateDetails(viewer, certificate);
  return {
    publicId,
    status,
    problems,
    details: maySeeDetails ? (verdict.summary ?? null) : null,
    isPublic: certificate.isPublic,
    isHolder: viewer?.id === certificate.userId,
    hasObToken: certificate.obCredentialJwt !== null,
    management: isManager
      ? {
          revokedAt: certificate.revokedAt,
          revocationReason: certificate.revocationReason,
          suspendedAt: certificate.suspendedAt,
          suspensionReason: certificate.suspensionReason,
        }
      : null,
  };
}
