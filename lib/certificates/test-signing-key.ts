// Test support, imported first by the certificate tests: a signing key of their own in a fresh
// 0600 file (rotation rewrites it, so it must not be the run's), set before the modules under test
// are imported.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { overrideEnvironmentForTest } from "../env";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-signing-"));
export const TEST_KEY_FILE = path.join(folder, "signing-key.pem");
fs.writeFileSync(
  TEST_KEY_FILE,
  crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }),
  { mode: 0o600 },
);
overrideEnvironmentForTest({ SIGNING_KEY_FILE: TEST_KEY_FILE, SIGNING_KEY: undefined });
