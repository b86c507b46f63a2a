// The JWKS: every public key the platform has signed with, current and retired.
import { z } from "zod";
import { db } from "../db";
import type { PublicJwk } from "./signing-key";
import { keyJwkUrl } from "./urls";

const StoredJwkSchema = z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string().min(1) });

/** A published key under a given `kid`. */
export type NamedPublicJwk = Omit<PublicJwk, "kid"> & { kid: string };

/** Every key ever published, current and retired, once each under its thumbprint, oldest first. */
export async function listSigningKeys(): Promise<PublicJwk[]> {
  const rows = await db.signingKey.findMany({ orderBy: { createdAt: "asc" }, select: { kid: true, publicJwk: true } });
  return rows.map((row) => ({ ...StoredJwkSchema.parse(row.publicJwk), kid: row.kid, alg: "EdDSA", use: "sig" }));
}

/**
 * Each key twice: under its thumbprint, which credentials issued before key URLs name, and under
 * its key URL, which tokens name now; so a plain JOSE library matches either `kid` in this set.
 */
export async function listPublishedKeys(): Promise<{ keys: NamedPublicJwk[] }> {
  const keys = await listSigningKeys();
  return { keys: keys.flatMap((key) => [key, { ...key, kid: keyJwkUrl(key.kid) }]) };
}

// A key id is the thumbprint of its public key and published keys are never changed or removed,
// so a key once found stays right for the life of the process. Misses are not kept: a key
// registered by another server a moment later must be found.
const foundKeys = new Map<string, PublicJwk>();

/** One published key by id, or null: what the in-process verifier trusts. */
export async function findPublishedKey(kid: string): Promise<PublicJwk | null> {
  const known = foundKeys.get(kid);
  if (known) return known;
  const row = await db.signingKey.findUnique({ where: { kid }, select: { kid: true, publicJwk: true } });
  if (!row) return null;
  const key: PublicJwk = { ...StoredJwkSchema.parse(row.publicJwk), kid: row.kid, alg: "EdDSA", use: "sig" };
  foundKeys.set(kid, key);
  return key;
}
