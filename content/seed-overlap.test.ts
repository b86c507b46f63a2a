// The course was written from source articles (the "seeds") that we may draw facts from but must
// not copy. Any 40-character run of a seed, whitespace ignored, appearing under content/ fails.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const WINDOW = 40;
const CONTENT_DIR = import.meta.dirname;
// The seeds live beside the project (../shared/seeds); a clone made elsewhere on the same machine
// (as CI does) finds them at the workplace's own copy.
const SEEDS_DIR =
  [path.resolve(CONTENT_DIR, "..", "..", "shared", "seeds"), "/work/shared/seeds"].find((dir) => existsSync(dir)) ??
  path.resolve(CONTENT_DIR, "..", "..", "shared", "seeds");

const stripWhitespace = (text: string): string => text.replace(/\s+/g, "");

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

test("no 40-character run of any seed appears under content/", () => {
  assert.ok(
    existsSync(SEEDS_DIR) && statSync(SEEDS_DIR).isDirectory(),
    `seed folder ${SEEDS_DIR} is missing, so copying cannot be checked`,
  );
  const seedFiles = filesUnder(SEEDS_DIR);
  assert.ok(seedFiles.length > 0, `seed folder ${SEEDS_DIR} is empty, so copying cannot be checked`);

  // The seeds are small and fixed; content grows. Indexing the seeds keeps memory bounded.
  const seedWindows = new Map<string, string>();
  for (const file of seedFiles) {
    const seed = stripWhitespace(readFileSync(file, "utf8"));
    for (let start = 0; start + WINDOW <= seed.length; start += 1) {
      const window = seed.slice(start, start + WINDOW);
      if (!seedWindows.has(window)) seedWindows.set(window, path.basename(file));
    }
  }

  const overlaps: string[] = [];
  for (const file of filesUnder(CONTENT_DIR)) {
    const text = readIfText(file);
    if (text === undefined) continue;
    const content = stripWhitespace(text);
    for (let start = 0; start + WINDOW <= content.length; start += 1) {
      const window = content.slice(start, start + WINDOW);
      const seed = seedWindows.get(window);
      if (seed === undefined) continue;
      overlaps.push(`${path.relative(CONTENT_DIR, file)} copies ${seed}: "${window}"`);
      // One report per copied passage is enough to find it.
      start += WINDOW - 1;
    }
  }
  assert.deepEqual(overlaps, [], `content copies seed text:\n${overlaps.join("\n")}`);
});
