// The OpenBadgeCredential Gradient issues (Open Badges 3.0 on the W3C VC Data Model 2.0), as a zod
// schema: what the verifier requires of a credential before it reads anything out of it. Unknown
// properties are kept, as the data model allows.
import { z } from "zod";

export const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

const TypeListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]));

export const ProfileSchema = z.looseObject({
  /** The issuer's profile URL (`<origin>/issuer`); its keys and status lists live on the same origin. */
  id: z.url(),
  type: TypeListSchema,
  name: z.string(),
  url: z.url().optional(),
});

export const StatusEntrySchema = z.looseObject({
  id: z.string().optional(),
  type: z.literal("BitstringStatusListEntry"),
  statusPurpose: z.enum(["revocation", "suspension"]),
  /** A decimal string, as the Bitstring Status List specification writes it. */
  statusListIndex: z.string().regex(/^\d+$/),
  statusListCredential: z.url(),
});
export type StatusEntry = z.infer<typeof StatusEntrySchema>;

export const EvidenceSchema = z.looseObject({
  type: TypeListSchema,
  /** The lab's title. */
  name: z.string(),
  description: z.string().optional(),
  /** Assignment slug within the course. */
  lab: z.string(),
  /** sha256 of the learner's code as submitted. */
  codeSha256: z.string(),
  /** sha256 of the held-out split the scorer used; null when the grading run did not record it. */
  heldOutSha256: z.string().nullable(),
  graderVersion: z.string().nullable(),
  backend: z.string().nullable(),
  seed: z.number().int().nullable(),
  /** The metric value the lab was graded with, and the threshold it had to reach. */
  score: z.number().nullable(),
  threshold: z.number().nullable(),
  /**
   * Certification over several seeds (absent in credentials issued before it): the rule that decided the lab
   * (`mean` of the runs, or `every` run), each training run's seed and held-out score, and the runs' mean with its
   * sample standard deviation and 95% interval (null for one run).
   */
  rule: z.enum(["mean", "every"]).optional(),
  runs: z
    .array(z.looseObject({ run: z.number().int(), seed: z.number().int(), score: z.number().nullable() }))
    .optional(),
  mean: z.number().nullable().optional(),
  standardDeviation: z.number().nullable().optional(),
  interval: z.looseObject({ low: z.number(), high: z.number() }).nullable().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

function openBadgeCredentialSchema<SubjectId extends z.ZodType>(subjectId: SubjectId) {
  return z.looseObject({
    "@context": z
      .array(z.string())
      .refine((contexts) => contexts[0] === VC_CONTEXT, "the first context must be the VC 2.0 context"),
    id: z.url(),
    type: TypeListSchema.refine(
      (types) => types.includes("VerifiableCredential") && types.includes("OpenBadgeCredential"),
      "not an OpenBadgeCredential",
    ),
    issuer: ProfileSchema,
    validFrom: z.iso.datetime({ offset: true }),
    validUntil: z.iso.datetime({ offset: true }).optional(),
    name: z.string(),
    credentialSubject: z.looseObject({
      id: subjectId,
      type: TypeListSchema,
      identifier: z
        .array(
          z.looseObject({
            type: z.literal("IdentityObject"),
            identityType: z.string(),
            identityHash: z.string(),
            hashed: z.boolean(),
          }),
        )
        .min(1),
      achievement: z.looseObject({
        id: z.url(),
        type: TypeListSchema,
        name: z.string(),
        description: z.string(),
        criteria: z.looseObject({ narrative: z.string() }),
        resultDescription: z
          .array(z.looseObject({ id: z.string(), name: z.string(), requiredValue: z.string(), resultType: z.string() }))
          .min(1),
      }),
      result: z.array(z.looseObject({ resultDescription: z.string(), value: z.string() })).min(1),
    }),
    evidence: z.array(EvidenceSchema).default([]),
    // One entry (what OB 3.0 allows, and Gradient issues now) or several (credentials issued before
    // carry revocation and suspension), read as a list either way.
    credentialStatus: z
      .union([StatusEntrySchema, z.array(StatusEntrySchema).min(1)])
      .transform((value) => (Array.isArray(value) ? value : [value])),
  });
}

/**
 * The learner's credentialSubject.id: an absolute URI (Gradient issues a random `urn:uuid:` per
 * learner), which OB 3.0's token form repeats as `sub`.
 */
export const SubjectIdSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, "not an absolute URI");

/** What Gradient issues now: the subject is identified. */
export const OpenBadgeCredentialSchema = openBadgeCredentialSchema(SubjectIdSchema);
/** Credentials issued before subject ids (their key named by a bare thumbprint) identify the learner by name only. */
export const EarlyOpenBadgeCredentialSchema = openBadgeCredentialSchema(SubjectIdSchema.optional());
export type OpenBadgeCredential = z.infer<typeof EarlyOpenBadgeCredentialSchema>;

/** The parts of a verified credential people look at. */
export interface CredentialSummary {
  publicId: string | null;
  holderName: string;
  courseName: string;
  courseDescription: string;
  issuedAt: string;
  /** Final score and the pass mark, in percent. */
  score: number;
  passMark: number;
  issuerName: string;
  issuerId: string;
  evidence: Evidence[];
}

export function summarizeCredential(credential: OpenBadgeCredential): CredentialSummary {
  const subject = credential.credentialSubject;
  const holder = subject.identifier.find((identity) => identity.identityType === "name" && !identity.hashed);
  const finalScore = subject.achievement.resultDescription[0];
  const result = subject.result.find((candidate) => candidate.resultDescription === finalScore?.id);
  const publicId = new URL(credential.id).pathname.match(/^\/credentials\/([A-Za-z0-9_-]+)$/)?.[1] ?? null;
  return {
    publicId,
    holderName: holder?.identityHash ?? "",
    courseName: subject.achievement.name,
    courseDescription: subject.achievement.description,
    issuedAt: credential.validFrom,
    score: Number(result?.value ?? NaN),
    passMark: Number(finalScore?.requiredValue ?? NaN),
    issuerName: credential.issuer.name,
    issuerId: credential.issuer.id,
    evidence: credential.evidence,
  };
}
