// The JWKS: every public key the platform has signed with, current and retired.
import { z } from "zod";
import { db } from "../db";
import type { PublicJwk } from "./signing-key";

const StoredJwkSchema = z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string().min(1) });

export async function listPublishedKeys(): Promise<{ keys: PublicJwk[] }> {
  const rows = await db.signingKey.findMany({ orderBy: { createdAt: "asc" }, select: { kid: true, publicJwk: true } });
  return {
    keys: rows.map((row) => ({ ...StoredJwkSchema.parse(row.publicJwk), kid: row.kid, alg: "EdDSA", use: "sig" })),
  };
}

/** One published key by id, or null: what the in-process verifier trusts. */
export async function findPublishedKey(kid: string): Promise<PublicJwk | null> {
  const row = await db.signingKey.findUnique({ where: { kid }, select: { kid: true, publicJwk: true } });
  if (!row) return null;
  return { ...StoredJwkSchema.parse(row.publicJwk), kid: row.kid, alg: "EdDSA", use: "sig" };
}
