// Embedded Data Integrity proofs (cryptosuite eddsa-rdfc-2022) with the platform's Ed25519 key:
// the form Open Badges 3.0 asks issuers for and that verifiers such as verifier-core check.
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import type { DocumentLoader } from "jsonld";
import { z } from "zod";
import { publicUrl } from "../env";
import { errorMessage } from "../errors";
import { createDocumentLoader } from "./document-loader";
import type { SigningKeyMaterial } from "./signing-key";
import { issuerId, verificationMethodId } from "./urls";

export const DataIntegrityProofSchema = z.looseObject({
  type: z.literal("DataIntegrityProof"),
  cryptosuite: z.literal("eddsa-rdfc-2022"),
  proofPurpose: z.literal("assertionMethod"),
  /** `<origin>/issuer/keys/<kid>`. */
  verificationMethod: z.url(),
  proofValue: z.string(),
});
export type DataIntegrityProofValue = z.infer<typeof DataIntegrityProofSchema>;

// OB 3.0's schema gives `proof` as an array (multiplicity [0..*]), so Gradient writes a proof set of
// one; documents signed before that carry the bare object, which Data Integrity verifiers read alike.
const SignedDocumentSchema = z.looseObject({
  proof: z.union([DataIntegrityProofSchema, z.tuple([DataIntegrityProofSchema])]),
});

/** The one eddsa-rdfc-2022 proof a document carries, as an object or a proof set of one; null when it has none. */
export function embeddedProofOf(document: unknown): DataIntegrityProofValue | null {
  const parsed = SignedDocumentSchema.safeParse(document);
  if (!parsed.success) return null;
  const { proof } = parsed.data;
  return Array.isArray(proof) ? proof[0] : proof;
}

/**
 * Signs `document` (a credential whose issuer is this site) as `<base origin>/issuer/keys/<kid>`.
 * Only vendored contexts are read: issuing never fetches anything.
 */
export async function signWithDataIntegrity<T extends object>(
  document: T,
  key: SigningKeyMaterial,
  base: string = publicUrl,
): Promise<T & { proof: [DataIntegrityProofValue] }> {
  const { x, d } = key.privateKey.export({ format: "jwk" });
  if (typeof x !== "string" || typeof d !== "string") throw new Error("The signing key cannot be exported as a JWK.");
  const keyPair = await Ed25519Multikey.fromJwk({
    jwk: { kty: "OKP", crv: "Ed25519", x, d },
    secretKey: true,
    id: verificationMethodId(key.kid, base),
    controller: issuerId(base),
  });
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite });
  const signed = await vc.issue({
    credential: structuredClone(document),
    suite,
    documentLoader: createDocumentLoader({ origins: [new URL(base).origin] }),
  });
  const proof = embeddedProofOf(signed);
  if (!proof) throw new Error("The Data Integrity library returned no eddsa-rdfc-2022 proof.");
  return { ...document, proof: [proof] };
}

export function hasEmbeddedProof(document: unknown): boolean {
  return embeddedProofOf(document) !== null;
}

export type DataIntegrityCheck =
  | { isValid: true; kid: string; /** The origin of the verification method's URL. */ keyOrigin: string }
  | { isValid: false; problem: string };

/**
 * Checks the embedded proof with the same library stack a standard verifier uses: the key is
 * dereferenced through `documentLoader` and must be listed under assertionMethod by the issuer's
 * controller document, whose id must be the credential's issuer. Validity dates and status are
 * the caller's to check.
 */
export async function verifyDataIntegrity(
  document: object,
  documentLoader: DocumentLoader,
): Promise<DataIntegrityCheck> {
  const proof = embeddedProofOf(document);
  if (!proof) return { isValid: false, problem: "It carries no eddsa-rdfc-2022 proof." };
  const method = new URL(proof.verificationMethod);
  const kid = method.pathname.split("/").pop() ?? "";
  try {
    const result = await vc.verifyCredential({
      credential: document,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      // Status is read by our own verifier, which tells revoked from suspended from unknown.
      checkStatus: async () => ({ verified: true }),
    });
    if (result.verified) return { isValid: true, kid, keyOrigin: method.origin };
    return { isValid: false, problem: describeFailure(result.error) };
  } catch (error) {
    return { isValid: false, problem: `The proof could not be checked (${errorMessage(error)}).` };
  }
}

const FailureSchema = z.object({ errors: z.array(z.instanceof(Error)) });

/** The verifier's reasons, which it gathers in a VerificationError, in words a stranger understands. */
function describeFailure(error: unknown): string {
  const failure = FailureSchema.safeParse(error);
  const text = failure.success ? failure.data.errors.map((cause) => cause.message).join(" ") : errorMessage(error);
  if (/invalid signature/i.test(text)) return "The signature does not match the content: it was altered or forged.";
  if (/not a document Gradient knows|unable to load/i.test(text))
    return "It was signed with a key the issuer does not publish.";
  if (/must match the verification method controller|not authorized by controller/i.test(text))
    return "The signing key does not belong to the issuer it names.";
  return `The proof does not verify (${text}).`;
}
