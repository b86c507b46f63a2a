// The signed status list of one purpose, built from the certificates' current state.
import { db } from "../db";
import { getActiveSigningKey } from "./active-signing-key";
import { buildStatusListCredential } from "./status-list";
import { issuerId, statusListUrl, type StatusPurpose } from "./urls";
import { signVcJwt } from "./vc-jwt";

/**
 * `listUrl` defaults to this site's address; the in-process verifier passes the address a
 * credential names, so certificates issued under an earlier PUBLIC_URL still check out here.
 */
export async function getStatusListJwt(purpose: StatusPurpose, listUrl: string = statusListUrl(purpose)): Promise<string> {
  const rows = await db.certificate.findMany({
    where: purpose === "revocation" ? { revokedAt: { not: null } } : { suspendedAt: { not: null } },
    select: { statusListIndex: true },
  });
  const credential = buildStatusListCredential({
    purpose,
    listUrl,
    issuer: issuerId(listUrl),
    setIndices: rows.map((row) => row.statusListIndex),
  });
  return signVcJwt(credential, await getActiveSigningKey());
}
