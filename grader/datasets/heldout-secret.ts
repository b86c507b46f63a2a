// The platform secret that decides the held-out rows: which examples of a public pool are held out,
// and the generated rows of a synthetic set's held-out split. Nothing published (assignment.yaml,
// the packages the pools come from, receipts) lets anyone rebuild those rows without it. It lives
// in the data folder, created on first use, and only the trusted side reads it: the worker's own
// process, `npm run grade`, and the seed (for the lab page's preview of the TRAIN split). No
// sandbox bind may hold it (sandbox/secret-binds.ts).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataDir } from "@/lib/env";

export const HELD_OUT_SECRET_FILE_NAME = "heldout-secret";
const SECRET_BYTES = 32;

/** 32 or more random bytes, base64url, as this module writes them (an operator may paste a longer one). */
const SecretFileSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43,}$/, "must be at least 32 random bytes in base64url");

export function heldOutSecretFile(): string {
  return path.join(dataDir, HELD_OUT_SECRET_FILE_NAME);
}

/** Writes a new secret unless the file exists; a concurrent creator's secret wins, never half of one. */
function createSecretFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temporary, `${randomBytes(SECRET_BYTES).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  try {
    // link, unlike rename, refuses to replace an existing file: two workers starting together keep one secret.
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** The secret's bytes, from `file` (the data folder's by default), creating it (mode 0600) on first use. */
export function readOrCreateHeldOutSecret(file = heldOutSecretFile()): Buffer {
  if (!fs.existsSync(file)) createSecretFile(file);
  const mode = fs.statSync(file).mode;
  // As with the signing key: a secret others can read no longer hides anything.
  if ((mode & 0o077) !== 0) {
    throw new Error(`The held-out secret ${file} is readable or writable by other users; run: chmod 600 ${file}`);
  }
  const parsed = SecretFileSchema.safeParse(fs.readFileSync(file, "utf8"));
  if (!parsed.success)
    throw new Error(`The held-out secret ${file} ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  return Buffer.from(parsed.data, "utf8");
}
