// Assembles the unsigned OpenBadgeCredential for one certificate.
import type { PassRule } from "../courses/content-schema";
import { OB_CONTEXT, VC_CONTEXT, type Evidence } from "./credential-schema";
import { gradientContextUrl } from "./jsonld-contexts";
import { achievementUrl, credentialUrl, issuerId, statusListUrl } from "./urls";

export const ISSUER_NAME = "Gradient";

export interface CredentialInput {
  publicId: string;
  holderName: string;
  course: { slug: string; title: string; summary: string };
  passRule: PassRule;
  /** Whole seconds (see wholeSeconds), so the OB 3.0 token's `nbf` equals `validFrom` exactly. */
  issuedAt: Date;
  /** The learner's random `urn:uuid:` (User.credentialSubjectId). */
  subjectId: string;
  /** Final score and pass mark, in percent. */
  score: number;
  passMark: number;
  evidence: Evidence[];
  statusListIndex: number;
}

/** Percent values on the credential: two decimals, written as OB 3.0 writes values (strings). */
export function formatPercent(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A moment without its milliseconds: JWT dates (NumericDate) count whole seconds. */
export function wholeSeconds(moment: Date): Date {
  return new Date(Math.floor(moment.getTime() / 1000) * 1000);
}

export function describeCriteria(rule: PassRule): string {
  const labs =
    rule.requiredLabs.length > 0 ? `Pass every required lab (${rule.requiredLabs.join(", ")}) on held-out data. ` : "";
  const weights =
    `labs ${rule.weights.labs * 100}%, lesson quizzes ${rule.weights.quizzes * 100}%, ` +
    `final exam ${rule.weights.exam * 100}%`;
  return (
    `${labs}Score at least ${rule.minLessonQuizPercent}% on every lesson quiz ` +
    `and ${rule.minExamPercent}% on the final exam, ` +
    `and reach a final score of at least ${rule.passMarkPercent}% (${weights}).`
  );
}

export function buildCredential(input: CredentialInput, base?: string) {
  const issuer = issuerId(base);
  const achievementId = achievementUrl(input.course.slug, base);
  const resultDescriptionId = `${achievementId}#final-score`;
  // The profile's id is its own page (/issuer); its url is the issuer's home page, as OB 3.0 defines `url`.
  const profile = { id: issuer, type: ["Profile"], name: ISSUER_NAME, url: new URL("/", issuer).toString() };
  return {
    // Ours last: it defines the evidence terms, and every context before it is @protected.
    "@context": [VC_CONTEXT, OB_CONTEXT, gradientContextUrl(base)],
    id: credentialUrl(input.publicId, base),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: `${input.course.title}: certificate of completion`,
    issuer: profile,
    validFrom: input.issuedAt.toISOString(),
    credentialSubject: {
      // Random per learner: it lets a verifier tell this learner's credentials apart without revealing who they are.
      id: input.subjectId,
      type: ["AchievementSubject"],
      // OB 3.0 names a holder without a DID through an identity object; the name is the one the learner chose.
      identifier: [{ type: "IdentityObject", identityType: "name", identityHash: input.holderName, hashed: false }],
      achievement: {
        id: achievementId,
        type: ["Achievement"],
        achievementType: "Course",
        name: input.course.title,
        description: input.course.summary,
        criteria: { narrative: describeCriteria(input.passRule) },
        creator: profile,
        resultDescription: [
          {
            id: resultDescriptionId,
            type: ["ResultDescription"],
            name: "Final score",
            resultType: "Percent",
            requiredValue: formatPercent(input.passMark),
            valueMin: "0",
            valueMax: "100",
          },
        ],
      },
      result: [{ type: ["Result"], resultDescription: resultDescriptionId, value: formatPercent(input.score) }],
    },
    evidence: input.evidence,
    // OB 3.0 allows one status entry: revocation, so every verifier sees a revoked certificate as
    // revoked. Suspension is Gradient's own state, shown by Gradient's verify pages (see local-verification.ts).
    credentialStatus: {
      id: `${statusListUrl("revocation", base)}#${input.statusListIndex}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(input.statusListIndex),
      statusListCredential: statusListUrl("revocation", base),
    },
  };
}
