// W3C Bitstring Status List v1.0: one bit per certificate per purpose, gzip-compressed and
// base64url-encoded with a multibase "u" prefix. The list is long enough (the specification's
// minimum of 131,072 entries) and the positions random, so fetching it says nothing about anyone.
import crypto from "node:crypto";
import zlib from "node:zlib";
import { z } from "zod";
import { VC_CONTEXT } from "./credential-schema";
import type { StatusPurpose } from "./urls";

export const STATUS_PURPOSES = ["revocation", "suspension"] as const satisfies readonly StatusPurpose[];
export const STATUS_LIST_SIZE = 131_072;
/** How long a fetched list may be relied on; verifiers fetch again after this. */
export const STATUS_LIST_TTL_MS = 5 * 60 * 1000;

export function drawStatusListIndex(): number {
  return crypto.randomInt(0, STATUS_LIST_SIZE);
}

export function encodeStatusList(setIndices: Iterable<number>): string {
  const bits = Buffer.alloc(STATUS_LIST_SIZE / 8);
  for (const index of setIndices) {
    if (!Number.isInteger(index) || index < 0 || index >= STATUS_LIST_SIZE)
      throw new RangeError(`status list index ${index} is out of range`);
    // The specification counts bits from the left: index 0 is the most significant bit of byte 0.
    bits[index >> 3] = (bits[index >> 3] ?? 0) | (0x80 >> (index & 7));
  }
  return `u${zlib.gzipSync(bits).toString("base64url")}`;
}

export function decodeStatusList(encoded: string): Buffer {
  if (!encoded.startsWith("u")) throw new Error("the status list is not multibase base64url");
  // The cap stops a hostile list from inflating into gigabytes in the verifier.
  return zlib.gunzipSync(Buffer.from(encoded.slice(1), "base64url"), { maxOutputLength: 16 * 1024 * 1024 });
}

export function isStatusBitSet(bits: Buffer, index: number): boolean {
  if (index >= bits.length * 8) throw new RangeError(`status list index ${index} is beyond the list`);
  return ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}

export function buildStatusListCredential(options: {
  purpose: StatusPurpose;
  listUrl: string;
  issuer: string;
  setIndices: Iterable<number>;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  return {
    "@context": [VC_CONTEXT],
    id: options.listUrl,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: options.issuer,
    validFrom: now.toISOString(),
    validUntil: new Date(now.getTime() + STATUS_LIST_TTL_MS).toISOString(),
    credentialSubject: {
      id: `${options.listUrl}#list`,
      type: "BitstringStatusList",
      statusPurpose: options.purpose,
      ttl: STATUS_LIST_TTL_MS,
      encodedList: encodeStatusList(options.setIndices),
    },
  };
}

export const StatusListCredentialSchema = z.looseObject({
  id: z.url(),
  type: z
    .array(z.string())
    .refine((types) => types.includes("BitstringStatusListCredential"), "not a BitstringStatusListCredential"),
  issuer: z
    .union([z.string(), z.looseObject({ id: z.string() })])
    .transform((issuer) => (typeof issuer === "string" ? issuer : issuer.id)),
  validFrom: z.iso.datetime({ offset: true }).optional(),
  validUntil: z.iso.datetime({ offset: true }).optional(),
  credentialSubject: z.looseObject({
    type: z.literal("BitstringStatusList"),
    statusPurpose: z.enum(STATUS_PURPOSES),
    encodedList: z.string(),
  }),
});
