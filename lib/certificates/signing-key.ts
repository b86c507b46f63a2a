// The platform's Ed25519 private key: read from SIGNING_KEY, SIGNING_KEY_FILE, or the local file
// that `npm start` creates in the data folder. It stays in this process's memory; only its public
// half is ever written anywhere else (the SigningKey table and the JWKS).
import crypto, { type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint } from "jose";
import { dataDir, env } from "../env";

export const SIGNING_KEY_FILE_NAME = "signing-key.pem";

export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg: "EdDSA";
  use: "sig";
}

export interface SigningKeyMaterial {
  /** RFC 7638 thumbprint of the public key: the same key always gets the same id, on every server. */
  kid: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

export function generateSigningKeyPem(): string {
  const { privateKey } = crypto.generateKeyPairSync("ed25519");
  return privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

/** Writes a key file readable by its owner only, atomically, so a reader never sees half a key. */
export function writeSigningKeyFile(file: string, pem: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temporary, pem, { mode: 0o600, flag: "wx" });
  fs.renameSync(temporary, file);
}

/** Creates the key file when it is missing (never replaces one) and returns its path. */
export function ensureKeyFileAt(file: string, generatePem: () => string = generateSigningKeyPem): string {
  if (fs.existsSync(file)) return file;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // `wx` so two processes starting together cannot both create, and overwrite, a key.
    fs.writeFileSync(file, generatePem(), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return file;
}

/** A private key file's text, refused when other users can read or write it. */
export function readKeyFile(file: string): string {
  const mode = fs.statSync(/*turbopackIgnore: true*/ file).mode;
  // Like ssh with its identity files: a private key others can read is no longer private.
  if ((mode & 0o077) !== 0) {
    throw new Error(`The signing key file ${file} is readable or writable by other users; run: chmod 600 ${file}`);
  }
  return fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8");
}

export async function keyFromPem(pem: string): Promise<SigningKeyMaterial> {
  const privateKey = crypto.createPrivateKey({ key: pem, format: "pem" });
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new Error("The signing key must be an Ed25519 key (PKCS#8 PEM).");
  const exported = crypto.createPublicKey(privateKey).export({ format: "jwk" });
  if (typeof exported.x !== "string") throw new Error("The signing key has no public part.");
  const kid = await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: exported.x });
  return { kid, privateKey, publicJwk: { kty: "OKP", crv: "Ed25519", x: exported.x, kid, alg: "EdDSA", use: "sig" } };
}

/** Where the key comes from: the environment, or the file that holds it (which rotation rewrites). */
export type SigningKeySource = { kind: "environment" } | { kind: "file"; file: string };

export function signingKeySource(): SigningKeySource {
  if (env.SIGNING_KEY) return { kind: "environment" };
  // turbopackIgnore: the key is found at run time; the build must neither trace nor bundle it.
  return {
    kind: "file",
    file: path.resolve(/*turbopackIgnore: true*/ env.SIGNING_KEY_FILE ?? path.join(dataDir, SIGNING_KEY_FILE_NAME)),
  };
}

let cached: { stamp: string; material: SigningKeyMaterial } | undefined;
let refusal: string | undefined;

/**
 * Makes every later loadSigningKey in this process throw, before it looks for the key. A process
 * that handles learner artefacts (the grading worker) calls it at start-up, so that no code added
 * to it later can read the key from the default file either.
 */
export function forbidSigningKey(processName: string): void {
  refusal = processName;
}

/** The current private key. A rewritten key file (a rotation) is picked up without a restart. */
export async function loadSigningKey(): Promise<SigningKeyMaterial> {
  if (refusal !== undefined) throw new Error(`The ${refusal} must never load the certificate signing key.`);
  const source = signingKeySource();
  if (source.kind === "environment") {
    // Many secret stores and .env files flatten a PEM's line breaks into "\n".
    cached ??= { stamp: "environment", material: await keyFromPem((env.SIGNING_KEY ?? "").replace(/\\n/g, "\n")) };
    return cached.material;
  }
  let stamp: string;
  try {
    const stat = fs.statSync(/*turbopackIgnore: true*/ source.file);
    stamp = `${source.file}:${stat.ino}:${stat.mtimeMs}`;
  } catch {
    throw new Error(
      `No certificate signing key: set SIGNING_KEY or SIGNING_KEY_FILE, ` +
        `or start the platform with \`npm start\`, which creates ${source.file}.`,
    );
  }
  if (cached?.stamp !== stamp) cached = { stamp, material: await keyFromPem(readKeyFile(source.file)) };
  return cached.material;
}
