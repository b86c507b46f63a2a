// Makes sure the key that signs is published before anything it signs is handed out.
import { db } from "../db";
import { isUniqueViolation } from "./prisma-errors";
import { loadSigningKey, type SigningKeyMaterial } from "./signing-key";

export interface ActiveSigningKey extends SigningKeyMaterial {
  /** The SigningKey row holding the public half. */
  signingKeyId: string;
}

const registered = new Map<string, string>();

/**
 * The current key, registered in the SigningKey table. A key seen for the first time is a
 * rotation: every older key is marked retired, and stays published so what it signed still verifies.
 */
export async function getActiveSigningKey(): Promise<ActiveSigningKey> {
  const material = await loadSigningKey();
  const known = registered.get(material.kid);
  if (known) return { ...material, signingKeyId: known };
  const existing = await db.signingKey.findUnique({ where: { kid: material.kid }, select: { id: true } });
  let signingKeyId = existing?.id;
  if (!signingKeyId) {
    signingKeyId = await registerKey(material).catch(async (error: unknown) => {
      // Another process registered the same key at the same moment: theirs is as good as ours.
      if (isUniqueViolation(error))
        return (await db.signingKey.findUniqueOrThrow({ where: { kid: material.kid }, select: { id: true } })).id;
      throw error;
    });
  }
  registered.set(material.kid, signingKeyId);
  return { ...material, signingKeyId };
}

function registerKey(material: SigningKeyMaterial): Promise<string> {
  return db.$transaction(async (tx) => {
    const row = await tx.signingKey.upsert({
      where: { kid: material.kid },
      create: { kid: material.kid, algorithm: "EdDSA", publicJwk: { ...material.publicJwk } },
      update: {},
      select: { id: true },
    });
    await tx.signingKey.updateMany({
      where: { id: { not: row.id }, retiredAt: null },
      data: { retiredAt: new Date() },
    });
    return row.id;
  });
}
