// The signed status list of one purpose, built from the certificates' current state.
import { db } from "../db";
import { getActiveSigningKey } from "./active-signing-key";
import type { SecuredForm } from "./credential-media-types";
import { signWithDataIntegrity } from "./data-integrity";
import { buildStatusListCredential } from "./status-list";
import { issuerId, statusListUrl, type StatusPurpose } from "./urls";
import { signVcJwt } from "./vc-jwt";

/** The status list positions set for each purpose, read fresh from the certificates. */
export type FlaggedIndices = Record<StatusPurpose, number[]>;

/** Both purposes' set positions in one query, sorted, so equal states compare equal. */
export async function readFlaggedIndices(): Promise<FlaggedIndices> {
  const rows = await db.certificate.findMany({
    where: { OR: [{ revokedAt: { not: null } }, { suspendedAt: { not: null } }] },
    select: { statusListIndex: true, revokedAt: true, suspendedAt: true },
  });
  const indicesWhere = (isSet: (row: (typeof rows)[number]) => boolean) =>
    rows
      .filter(isSet)
      .map((row) => row.statusListIndex)
      .sort((a, b) => a - b);
  return {
    revocation: indicesWhere((row) => row.revokedAt !== null),
    suspension: indicesWhere((row) => row.suspendedAt !== null),
  };
}

/** Signs the list of `purpose` with `setIndices` set, as served at `listUrl`, in `form`. */
export async function signStatusList(
  purpose: StatusPurpose,
  listUrl: string,
  setIndices: number[],
  form: SecuredForm = "jwt",
): Promise<string> {
  const credential = buildStatusListCredential({ purpose, listUrl, issuer: issuerId(listUrl), setIndices });
  const key = await getActiveSigningKey();
  if (form === "jwt") return signVcJwt(credential, key);
  return JSON.stringify(await signWithDataIntegrity(credential, key, listUrl));
}

/**
 * `listUrl` defaults to this site's address; the in-process verifier passes the address a
 * credential names, so certificates issued under an earlier PUBLIC_URL still check out here.
 */
export async function getStatusList(
  purpose: StatusPurpose,
  form: SecuredForm,
  listUrl: string = statusListUrl(purpose),
): Promise<string> {
  const rows = await db.certificate.findMany({
    where: purpose === "revocation" ? { revokedAt: { not: null } } : { suspendedAt: { not: null } },
    select: { statusListIndex: true },
  });
  return signStatusList(
    purpose,
    listUrl,
    rows.map((row) => row.statusListIndex),
    form,
  );
}
