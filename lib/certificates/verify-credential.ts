// Verifies a certificate from its signed form alone: the signature (a VC-JOSE-COSE JWT, or an
// embedded eddsa-rdfc-2022 proof) against the issuer's published keys, the content against the
// OpenBadgeCredential schema, and its status against the issuer's status lists, signed the same way.
// The web page, the upload form and `npm run verify` all use this one path; only where keys and
// lists come from differs (the database here, HTTP from the command line).
import type { DocumentLoader } from "jsonld";
import { z } from "zod";
import type { SecuredForm } from "./credential-media-types";
import {
  EarlyOpenBadgeCredentialSchema,
  OpenBadgeCredentialSchema,
  summarizeCredential,
  type CredentialSummary,
  type StatusEntry,
} from "./credential-schema";
import { hasEmbeddedProof, verifyDataIntegrity } from "./data-integrity";
import { decodeStatusList, isStatusBitSet, STATUS_LIST_SIZE, StatusListCredentialSchema } from "./status-list";
import { obJwtClaimProblems } from "./ob-jwt";
import { verifyVcJwt, type KeyResolver, type TokenForm } from "./vc-jwt";
import { errorMessage } from "../errors";

export type VerdictStatus = "valid" | "revoked" | "suspended" | "not_genuine" | "status_unknown";

export interface Verdict {
  status: VerdictStatus;
  /** Why it is not valid, in words a stranger understands. */
  problems: string[];
  summary?: CredentialSummary;
  /** The id of the key that signed it. */
  kid?: string;
}

export interface VerificationSources {
  /** The issuer's published keys. */
  resolveKey: KeyResolver;
  /** The status list credential at a URL, secured in `form`: its JWT, or its JSON with an embedded proof. */
  fetchStatusList: (url: string, form: SecuredForm) => Promise<string>;
  /**
   * Answers what an embedded proof leads to: contexts, the issuer's controller document and keys.
   * Without it a credential with an embedded proof cannot be checked, and is not taken as genuine.
   */
  documentLoader?: DocumentLoader;
  /**
   * The issuer's own record of suspension, for credentials without a suspension entry: whether the
   * certificate this revocation entry points at is suspended. Gradient issues one status entry (OB 3.0
   * allows one), so only Gradient itself, not a stranger's verifier, can tell a suspension.
   */
  isSuspended?: (revocationEntry: StatusEntry) => boolean;
  /** When set, only credentials naming this issuer (an origin) count as genuine. */
  expectedIssuer?: string;
  now?: Date;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ENVELOPE_PREFIX = "data:application/vc+jwt,";

const EnvelopeSchema = z.object({
  type: z.union([z.literal("EnvelopedVerifiableCredential"), z.array(z.string())]),
  id: z.string().startsWith(ENVELOPE_PREFIX),
});

/** The compact JWT in what a person pasted or uploaded: a bare JWT or a VC 2.0 enveloped credential. */
export function extractJwt(input: string): string | null {
  const text = input.trim();
  if (COMPACT_JWS.test(text)) return text;
  try {
    const envelope = EnvelopeSchema.safeParse(JSON.parse(text));
    const jwt = envelope.success ? envelope.data.id.slice(ENVELOPE_PREFIX.length) : "";
    return COMPACT_JWS.test(jwt) ? jwt : null;
  } catch {
    return null;
  }
}

/** What was pasted, uploaded or fetched, as the form that secures it; null when it is neither. */
export type SecuredCredential =
  { form: "jwt"; jwt: string } | { form: "embedded-proof"; document: Record<string, unknown> };

export function readSecuredCredential(input: string): SecuredCredential | null {
  const jwt = extractJwt(input);
  if (jwt) return { form: "jwt", jwt };
  try {
    const document: unknown = JSON.parse(input);
    return hasEmbeddedProof(document)
      ? { form: "embedded-proof", document: document as Record<string, unknown> }
      : null;
  } catch {
    return null;
  }
}

type SignatureCheck =
  | {
      isValid: true;
      payload: unknown;
      /** The signing key's thumbprint. */
      kid: string;
      /** The origin the key is named at; null for the bare thumbprints of older tokens. */
      keyOrigin: string | null;
      form: TokenForm | "embedded-proof";
    }
  | { isValid: false; problem: string };

/** Checks the signature of either form; reads nothing unverified. */
async function checkSignature(secured: SecuredCredential, sources: VerificationSources): Promise<SignatureCheck> {
  if (secured.form === "jwt") return verifyVcJwt(secured.jwt, sources.resolveKey);
  if (!sources.documentLoader) return { isValid: false, problem: "This verifier cannot check embedded proofs." };
  const checked = await verifyDataIntegrity(secured.document, sources.documentLoader);
  return checked.isValid
    ? {
        isValid: true,
        payload: secured.document,
        kid: checked.kid,
        keyOrigin: checked.keyOrigin,
        form: "embedded-proof",
      }
    : checked;
}

/** A VC 2.0 EnvelopedVerifiableCredential: the signed credential as a JSON document. */
export function envelopeJwt(jwt: string) {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: `${ENVELOPE_PREFIX}${jwt}`,
    type: "EnvelopedVerifiableCredential",
  };
}

async function readStatusBit(
  entry: StatusEntry,
  issuer: string,
  form: SecuredForm,
  sources: VerificationSources,
  now: Date,
): Promise<boolean | string> {
  const listUrl = entry.statusListCredential;
  // A list somewhere else could say anything; only the issuer speaks for its certificates.
  if (new URL(listUrl).origin !== issuer) return `The ${entry.statusPurpose} list is not hosted by the issuer.`;
  let text: string;
  try {
    // The list is checked the way the certificate was secured, as a verifier of that form would.
    text = await sources.fetchStatusList(listUrl, form);
  } catch (error) {
    return `The ${entry.statusPurpose} list could not be fetched (${errorMessage(error)}).`;
  }
  const secured = readSecuredCredential(text.trim());
  if (secured?.form !== form) return `The ${entry.statusPurpose} list is not signed.`;
  const checked = await checkSignature(secured, sources);
  if (!checked.isValid) return `The ${entry.statusPurpose} list is not genuine: ${checked.problem}`;
  if (checked.keyOrigin !== null && checked.keyOrigin !== issuer)
    return `The ${entry.statusPurpose} list names a signing key outside the issuer.`;
  const parsed = StatusListCredentialSchema.safeParse(checked.payload);
  if (!parsed.success) return `The ${entry.statusPurpose} list is malformed.`;
  const list = parsed.data;
  if (
    list.id !== listUrl ||
    new URL(list.issuer).origin !== issuer ||
    list.credentialSubject.statusPurpose !== entry.statusPurpose
  ) {
    return `The ${entry.statusPurpose} list served is not the one the certificate points to.`;
  }
  if (list.validUntil && new Date(list.validUntil) < now) return `The ${entry.statusPurpose} list has expired.`;
  try {
    const bits = decodeStatusList(list.credentialSubject.encodedList);
    if (bits.length * 8 < STATUS_LIST_SIZE)
      return (
        `The ${entry.statusPurpose} list is shorter than the ${STATUS_LIST_SIZE} entries ` +
        `that keep holders anonymous.`
      );
    return isStatusBitSet(bits, Number(entry.statusListIndex));
  } catch {
    return `The ${entry.statusPurpose} list cannot be decoded.`;
  }
}

export async function verifyCredential(input: string, sources: VerificationSources): Promise<Verdict> {
  const now = sources.now ?? new Date();
  const secured = readSecuredCredential(input.trim());
  if (!secured)
    return {
      status: "not_genuine",
      problems: [
        "This is not a signed credential: expected a .jwt file, its JSON envelope, or a credential with an embedded proof.",
      ],
    };
  const checked = await checkSignature(secured, sources);
  if (!checked.isValid) return { status: "not_genuine", problems: [checked.problem] };
  // A key named by its bare thumbprint marks a credential from before subject ids.
  const schema = checked.keyOrigin === null ? EarlyOpenBadgeCredentialSchema : OpenBadgeCredentialSchema;
  const parsed = schema.safeParse(checked.payload);
  if (!parsed.success)
    return {
      status: "not_genuine",
      problems: ["The signed content is not an Open Badges 3.0 certificate."],
      kid: checked.kid,
    };
  const credential = parsed.data;
  const summary = summarizeCredential(credential);
  const issuer = new URL(credential.issuer.id).origin;
  const base = { summary, kid: checked.kid };
  if (sources.expectedIssuer && issuer !== new URL(sources.expectedIssuer).origin) {
    return {
      ...base,
      status: "not_genuine",
      problems: [`It names ${issuer} as issuer, not ${new URL(sources.expectedIssuer).origin}.`],
    };
  }
  if (checked.keyOrigin !== null && checked.keyOrigin !== issuer)
    return {
      ...base,
      status: "not_genuine",
      problems: [`Its signing key is named at ${checked.keyOrigin}, not ${issuer}.`],
    };
  if (checked.form === "ob-jwt") {
    const claimProblems = obJwtClaimProblems(checked.payload);
    if (claimProblems.length > 0) return { ...base, status: "not_genuine", problems: claimProblems };
  }
  if (new Date(credential.validFrom).getTime() > now.getTime() + 5 * 60 * 1000) {
    return { ...base, status: "not_genuine", problems: ["It claims to be issued in the future."] };
  }
  if (credential.validUntil && new Date(credential.validUntil) < now) {
    return { ...base, status: "not_genuine", problems: ["It has expired."] };
  }

  const problems: string[] = [];
  const flagged = new Set<string>();
  for (const entry of credential.credentialStatus) {
    const bit = await readStatusBit(entry, issuer, secured.form, sources, now);
    if (typeof bit === "string") problems.push(bit);
    else if (bit) flagged.add(entry.statusPurpose);
  }
  const hasSuspensionEntry = credential.credentialStatus.some((entry) => entry.statusPurpose === "suspension");
  const isSuspended = sources.isSuspended;
  if (
    !hasSuspensionEntry &&
    isSuspended &&
    credential.credentialStatus.some((entry) => entry.statusPurpose === "revocation" && isSuspended(entry))
  )
    flagged.add("suspension");
  if (flagged.has("revocation"))
    return { ...base, status: "revoked", problems: ["The issuer has revoked this certificate."] };
  if (problems.length > 0) return { ...base, status: "status_unknown", problems };
  if (flagged.has("suspension"))
    return { ...base, status: "suspended", problems: ["The issuer has suspended this certificate for now."] };
  return { ...base, status: "valid", problems: [] };
}
