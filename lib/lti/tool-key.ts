// The LTI tool's RSA key (LTI 1.3 security framework: RS256). It signs Gradient's deep linking
// responses and its client assertions at platforms' token endpoints. It is not the certificate
// signing key: a platform that learns this key's public half learns nothing about certificates,
// and rotating one never touches the other. It rotates the way that key does: the new private key
// replaces the old in its file, and the old public key stays in the JWKS, marked retired.
import crypto, { type KeyObject } from "node:crypto";
import path from "node:path";
import { calculateJwkThumbprint, SignJWT, type JWTPayload } from "jose";
import { z } from "zod";
import { ensureKeyFileAt, readKeyFile, writeSigningKeyFile } from "../certificates/signing-key";
import { isUniqueViolation } from "../certificates/prisma-errors";
import { db } from "../db";
import { dataDir, env } from "../env";

export const LTI_TOOL_KEY_FILE_NAME = "lti-tool-key.pem";

const ToolPublicJwkSchema = z.object({
  kty: z.literal("RSA"),
  n: z.string(),
  e: z.string(),
  kid: z.string(),
  alg: z.literal("RS256"),
  use: z.literal("sig"),
});
export type ToolPublicJwk = z.infer<typeof ToolPublicJwkSchema>;

export interface ToolKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: ToolPublicJwk;
}

export function generateToolKeyPem(): string {
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

export async function toolKeyFromPem(pem: string): Promise<ToolKey> {
  const privateKey = crypto.createPrivateKey({ key: pem, format: "pem" });
  if (privateKey.asymmetricKeyType !== "rsa") throw new Error("The LTI tool key must be an RSA key (PKCS#8 PEM).");
  const exported = crypto.createPublicKey(privateKey).export({ format: "jwk" });
  if (typeof exported.n !== "string" || typeof exported.e !== "string")
    throw new Error("The LTI tool key has no public part.");
  const kid = await calculateJwkThumbprint({ kty: "RSA", n: exported.n, e: exported.e });
  return { kid, privateKey, publicJwk: { kty: "RSA", n: exported.n, e: exported.e, kid, alg: "RS256", use: "sig" } };
}

type ToolKeySource = { kind: "environment" } | { kind: "file"; file: string };

function toolKeySource(): ToolKeySource {
  if (env.LTI_TOOL_KEY) return { kind: "environment" };
  return {
    kind: "file",
    file: path.resolve(/*turbopackIgnore: true*/ env.LTI_TOOL_KEY_FILE ?? path.join(dataDir, LTI_TOOL_KEY_FILE_NAME)),
  };
}

let cached: { pem: string; key: ToolKey } | undefined;
let refusal: string | undefined;

/** Makes every later loadToolKey in this process throw: the grading worker, which handles learner artefacts, calls it. */
export function forbidToolKey(processName: string): void {
  refusal = processName;
}

/** The current private key; the file is created on first use, and a rewritten file (a rotation) is read again. */
async function loadToolKey(): Promise<ToolKey> {
  if (refusal !== undefined) throw new Error(`The ${refusal} must never load the LTI tool key.`);
  const source = toolKeySource();
  // Secret stores often flatten a PEM's line breaks into "\n".
  const pem =
    source.kind === "environment"
      ? (env.LTI_TOOL_KEY ?? "").replace(/\\n/g, "\n")
      : readKeyFile(ensureKeyFileAt(source.file, generateToolKeyPem));
  if (cached?.pem !== pem) cached = { pem, key: await toolKeyFromPem(pem) };
  return cached.key;
}

const published = new Set<string>();

/**
 * The current key, its public half published in the LtiToolKey table before anything it signs leaves.
 * A key seen for the first time is a rotation: older keys are marked retired and stay in the JWKS.
 */
export async function getActiveToolKey(): Promise<ToolKey> {
  const key = await loadToolKey();
  if (published.has(key.kid)) return key;
  const existing = await db.ltiToolKey.findUnique({ where: { kid: key.kid }, select: { id: true, retiredAt: true } });
  if (!existing) {
    await db
      .$transaction(async (tx) => {
        const row = await tx.ltiToolKey.create({
          data: { kid: key.kid, publicJwk: { ...key.publicJwk } },
          select: { id: true },
        });
        await tx.ltiToolKey.updateMany({
          where: { id: { not: row.id }, retiredAt: null },
          data: { retiredAt: new Date() },
        });
      })
      .catch((error: unknown) => {
        // Another process published the same key at the same moment.
        if (!isUniqueViolation(error)) throw error;
      });
  }
  published.add(key.kid);
  return key;
}

/** Signs `payload` as a JWT with the current tool key (RS256, its kid in the header). */
export async function signWithToolKey(payload: JWTPayload, { expiresInSeconds = 300 } = {}): Promise<string> {
  const key = await getActiveToolKey();
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime(`${expiresInSeconds}s`)
    .sign(key.privateKey);
}

/** Every published tool key, current first: the JWKS platforms verify Gradient's messages with. */
export async function listToolKeys(): Promise<
  { kid: string; publicJwk: ToolPublicJwk; createdAt: Date; retiredAt: Date | null }[]
> {
  await getActiveToolKey();
  const rows = await db.ltiToolKey.findMany({
    orderBy: [{ retiredAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { kid: true, publicJwk: true, createdAt: true, retiredAt: true },
  });
  return rows.map((row) => ({ ...row, publicJwk: ToolPublicJwkSchema.parse(row.publicJwk) }));
}

/** Replaces the tool key in its file; the old public key stays published. Refused for a key from the environment. */
export async function rotateToolKey(): Promise<ToolKey> {
  const source = toolKeySource();
  if (source.kind === "environment")
    throw new Error("The LTI tool key comes from LTI_TOOL_KEY: put the new key there and restart to rotate.");
  await getActiveToolKey();
  writeSigningKeyFile(source.file, generateToolKeyPem());
  return getActiveToolKey();
}
