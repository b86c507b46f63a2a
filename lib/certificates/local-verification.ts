// Verification inside the platform: keys from the SigningKey table (what the JWKS, /issuer and
// /issuer/keys publish) and status lists built and signed on the spot (what /status/<purpose>
// serves), checked by the same verifier a stranger runs, so the verdict never rests on the
// certificate row alone. Nothing is fetched: contexts are vendored, our documents read from Postgres.
//
// Verdicts are kept in memory for a minute, keyed by the credential's exact bytes and the current
// set of revoked and suspended positions. That set is read from Postgres on every call, so a
// revocation or suspension made by any server changes the key and shows on the very next check;
// what is saved is the signing, signature checks and schema parsing, which give the same answer
// for the same bytes and the same set (a key id names one key for good).
//
// Credentials carry one status entry, revocation; a suspension shows here because the suspended
// positions are read with the revoked ones (credentials issued earlier also point to the suspension list).
import crypto from "node:crypto";
import { decodeJwt } from "jose";
import { z } from "zod";
import { createDocumentLoader } from "./document-loader";
import { findIssuerDocument } from "./issuer-documents";
import { findPublishedKey } from "./list-published-keys";
import { readFlaggedIndices, signStatusList, type FlaggedIndices } from "./get-status-list";
import { STATUS_PURPOSES } from "./status-list";
import { readSecuredCredential, verifyCredential, type Verdict, type VerificationSources } from "./verify-credential";

/** How long a verdict is reused; it also bounds how long a credential's own expiry can go unnoticed. */
export const VERDICT_TTL_MS = 60_000;
/** Verdicts kept at most: the oldest go first. Uploaded credentials land here too, so it is bounded. */
const MAX_VERDICTS = 10_000;

const verdicts = new Map<string, { verdict: Verdict; expiresAt: number }>();

// Any origin: like a key id in a JWT, a key URL is trusted for what the database says it is, so
// certificates issued under an earlier PUBLIC_URL still check out here.
const documentLoader = createDocumentLoader({ origins: "any", resolveOwn: findIssuerDocument });

function localSources(flagged: FlaggedIndices): VerificationSources {
  return {
    resolveKey: findPublishedKey,
    documentLoader,
    async fetchStatusList(url, form) {
      const purpose = STATUS_PURPOSES.find((candidate) => new URL(url).pathname === `/status/${candidate}`);
      if (!purpose) throw new Error(`${url} is not a status list of this platform`);
      return signStatusList(purpose, url, flagged[purpose], form);
    },
    // Credentials carry only the revocation entry; its position is the certificate's, in both lists.
    isSuspended: (entry) =>
      new URL(entry.statusListCredential).pathname === "/status/revocation" &&
      flagged.suspension.includes(Number(entry.statusListIndex)),
  };
}

const ValidUntilSchema = z.object({ validUntil: z.iso.datetime({ offset: true }).optional() });

/** When a verdict about `input` may no longer be reused: in a minute, or when the credential expires. */
function reusableUntil(input: string, now: number): number {
  const secured = readSecuredCredential(input.trim());
  const claims = ValidUntilSchema.safeParse(secured?.form === "jwt" ? decodeJwt(secured.jwt) : secured?.document);
  const validUntil = claims.success && claims.data.validUntil ? new Date(claims.data.validUntil).getTime() : Infinity;
  return Math.min(now + VERDICT_TTL_MS, validUntil);
}

export async function verifyLocally(input: string): Promise<Verdict> {
  const flagged = await readFlaggedIndices();
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify(flagged))
    .update("\n")
    .update(input)
    .digest("base64url");
  const now = Date.now();
  const kept = verdicts.get(key);
  if (kept && kept.expiresAt > now) return kept.verdict;
  verdicts.delete(key);

  const verdict = await verifyCredential(input, localSources(flagged));
  // Only verdicts on a genuine signature are kept: a "not genuine" one may rest on a key that is
  // about to be registered, and forgeries should not be able to fill the memory anyway.
  if (verdict.status === "valid" || verdict.status === "revoked" || verdict.status === "suspended") {
    verdicts.set(key, { verdict, expiresAt: reusableUntil(input, now) });
    for (const oldest of verdicts.keys()) {
      if (verdicts.size <= MAX_VERDICTS) break;
      verdicts.delete(oldest);
    }
  }
  return verdict;
}
