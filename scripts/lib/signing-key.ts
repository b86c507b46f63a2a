// `npm start` on a machine with no signing key configured: a local Ed25519 key in the data
// folder, readable by its owner only. It is never printed.
import path from "node:path";
import { ensureKeyFileAt, SIGNING_KEY_FILE_NAME } from "../../lib/certificates/signing-key";

/** Creates <dataDir>/signing-key.pem (mode 0600) unless it exists, and returns its path for SIGNING_KEY_FILE. */
export function ensureSigningKeyFile(dataDir: string): string {
  return ensureKeyFileAt(path.join(dataDir, SIGNING_KEY_FILE_NAME));
}
