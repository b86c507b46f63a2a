// The course was written from source articles (the "seeds") that we may draw facts from but must
// not copy. Any 40-character run of a seed, whitespace ignored, appearing under content/ fails.
// The seeds themselves are not in the repository: their windows' fingerprints are
// (seed-fingerprints.bin, made by `npm run seeds:fingerprint`; scripts/lib/seed-fingerprints.ts).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { decodeFingerprints, findCopiedWindows, SEED_FINGERPRINTS_FILE } from "../scripts/lib/seed-fingerprints";

const CONTENT_DIR = import.meta.dirname;
// The five seed articles have about 51,000 distinct windows: far fewer means the file was made
// from the wrong folder, or truncated.
const MIN_FINGERPRINTS = 40_000;

const seeds = () => decodeFingerprints(readFileSync(SEED_FINGERPRINTS_FILE));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

// Binary files (images, model weights) cannot contain prose; a NUL byte marks them.
function readIfText(file: string): string | undefined {
  const bytes = readFileSync(file);
  return bytes.subarray(0, 8192).includes(0) ? undefined : bytes.toString("utf8");
}

test("the committed seed fingerprints are well-formed and cover the seeds", () => {
  // decodeFingerprints refuses a wrong header, window length, size or order.
  const fingerprints = seeds();
  assert.ok(fingerprints.count >= MIN_FINGERPRINTS, `only ${fingerprints.count} fingerprints`);
  // Hashes spread over the whole 64-bit range; a list of small numbers or of one region is not hashes.
  assert.ok(
    fingerprints.min < 2n ** 56n && fingerprints.max > 2n ** 64n - 2n ** 56n,
    `fingerprints span only ${fingerprints.min}..${fingerprints.max}`,
  );
});

test("no 40-character run of any seed appears under content/", () => {
  const fingerprints = seeds();
  const overlaps: string[] = [];
  for (const file of filesUnder(CONTENT_DIR)) {
    if (file === SEED_FINGERPRINTS_FILE) continue;
    const text = readIfText(file);
    if (text === undefined) continue;
    for (const window of findCopiedWindows(text, fingerprints))
      overlaps.push(`${path.relative(CONTENT_DIR, file)} copies a seed: "${window}"`);
  }
  assert.deepEqual(overlaps, [], `content copies seed text:\n${overlaps.join("\n")}`);
});
