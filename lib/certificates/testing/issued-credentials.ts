// Test support for tests that issue through the database: every stored form of an issued
// certificate (embedded proof, VC-JOSE-COSE, OB 3.0 VC-JWT) checked against the official OB 3.0 AchievementCredential JSON Schema.
import assert from "node:assert/strict";
import { db } from "../../db";
import { assertMatchesOfficialSchema } from "./official-schema";

export async function assertIssuedMatchesOfficialSchema(publicId: string): Promise<void> {
  const certificate = await db.certificate.findUniqueOrThrow({
    where: { publicId },
    select: { credential: true, credentialJwt: true, obCredentialJwt: true },
  });
  assert.ok(certificate.credential, `certificate ${publicId} has its embedded-proof form`);
  assertMatchesOfficialSchema(certificate.credential, `certificate ${publicId} (embedded proof)`);
  assertMatchesOfficialSchema(certificate.credentialJwt, `certificate ${publicId} (VC-JOSE-COSE)`);
  assert.ok(certificate.obCredentialJwt, `certificate ${publicId} has its OB 3.0 VC-JWT`);
  assertMatchesOfficialSchema(certificate.obCredentialJwt, `certificate ${publicId} (OB 3.0 VC-JWT)`);
}
