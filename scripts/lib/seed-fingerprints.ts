// Fingerprints of the source articles (the "seeds") the course was written from, so the test that
// no course text copies them needs neither the articles nor anything outside the repository. Each
// 40-character window of an article's text, whitespace removed, is hashed (sha256, first 64
// bits); the committed file holds only those numbers, sorted, so no text can be read back out.
//
// File layout: "SEEDFP01", window length (uint32 BE), count (uint32 BE), then `count` strictly
// ascending uint64 BE fingerprints.
import crypto from "node:crypto";
import path from "node:path";

/** The committed fingerprints of the seeds, made by `npm run seeds:fingerprint`. */
export const SEED_FINGERPRINTS_FILE = path.resolve(import.meta.dirname, "..", "..", "content", "seed-fingerprints.bin");
export const WINDOW = 40;
const MAGIC = Buffer.from("SEEDFP01", "latin1");
const HEADER_BYTES = MAGIC.length + 8;

/** Whitespace is not part of what makes a passage a copy: re-flowed text is still copied. */
export const normaliseText = (text: string): string => text.replace(/\s+/g, "");

export function fingerprintOf(window: string): bigint {
  return crypto.createHash("sha256").update(window, "utf8").digest().readBigUInt64BE(0);
}

/** The fingerprint of every WINDOW-character window of the text, normalised. */
export function windowFingerprints(text: string): bigint[] {
  const normalised = normaliseText(text);
  const fingerprints: bigint[] = [];
  for (let start = 0; start + WINDOW <= normalised.length; start += 1)
    fingerprints.push(fingerprintOf(normalised.slice(start, start + WINDOW)));
  return fingerprints;
}

export function encodeFingerprints(fingerprints: Iterable<bigint>): Buffer {
  const sorted = [...new Set(fingerprints)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const buffer = Buffer.alloc(HEADER_BYTES + sorted.length * 8);
  MAGIC.copy(buffer, 0);
  buffer.writeUInt32BE(WINDOW, MAGIC.length);
  buffer.writeUInt32BE(sorted.length, MAGIC.length + 4);
  sorted.forEach((fingerprint, index) => buffer.writeBigUInt64BE(fingerprint, HEADER_BYTES + index * 8));
  return buffer;
}

export interface SeedFingerprints {
  count: number;
  /** The smallest and largest fingerprint: a real set of hashes spreads over the whole range. */
  min: bigint;
  max: bigint;
  has(fingerprint: bigint): boolean;
}

/** Reads a fingerprint file, refusing anything that is not exactly the layout above. */
export function decodeFingerprints(buffer: Buffer): SeedFingerprints {
  if (buffer.length < HEADER_BYTES || !buffer.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error("not a seed fingerprint file");
  const window = buffer.readUInt32BE(MAGIC.length);
  if (window !== WINDOW) throw new Error(`fingerprints of ${window}-character windows, not ${WINDOW}`);
  const count = buffer.readUInt32BE(MAGIC.length + 4);
  if (count === 0 || buffer.length !== HEADER_BYTES + count * 8)
    throw new Error(`${buffer.length} bytes cannot hold ${count} fingerprints`);
  const values = new BigUint64Array(count);
  for (let index = 0; index < count; index += 1) {
    values[index] = buffer.readBigUInt64BE(HEADER_BYTES + index * 8);
    if (index > 0 && (values[index] ?? 0n) <= (values[index - 1] ?? 0n))
      throw new Error(`fingerprint ${index} is out of order`);
  }
  const has = (fingerprint: bigint) => {
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = values[middle] ?? 0n;
      if (value === fingerprint) return true;
      if (value < fingerprint) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  };
  return { count, min: values[0] ?? 0n, max: values[count - 1] ?? 0n, has };
}

/** The windows of `text` (normalised) found among the fingerprints, one per copied passage. */
export function findCopiedWindows(text: string, fingerprints: SeedFingerprints): string[] {
  const normalised = normaliseText(text);
  const copied: string[] = [];
  for (let start = 0; start + WINDOW <= normalised.length; start += 1) {
    const window = normalised.slice(start, start + WINDOW);
    if (!fingerprints.has(fingerprintOf(window))) continue;
    copied.push(window);
    // One report per copied passage is enough to find it.
    start += WINDOW - 1;
  }
  return copied;
}
