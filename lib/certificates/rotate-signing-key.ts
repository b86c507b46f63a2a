// Key rotation: a new private key replaces the old one in its file; the old public key stays in
// the JWKS, marked retired, so every certificate it signed keeps verifying.
import { getActiveSigningKey, type ActiveSigningKey } from "./active-signing-key";
import { generateSigningKeyPem, signingKeySource, writeSigningKeyFile } from "./signing-key";

export async function rotateSigningKey(): Promise<ActiveSigningKey> {
  const source = signingKeySource();
  if (source.kind === "environment") {
    // The platform cannot rewrite its own environment: the operator sets the new key and restarts,
    // and the first signature with it retires the old one the same way.
    throw new Error("The signing key comes from SIGNING_KEY: put the new key there and restart to rotate.");
  }
  await getActiveSigningKey();
  writeSigningKeyFile(source.file, generateSigningKeyPem());
  return getActiveSigningKey();
}
