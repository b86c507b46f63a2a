// `npm run seeds:fingerprint -- <folder of articles>`: fingerprints every file under the folder
// (the source articles the course was written from) into content/seed-fingerprints.bin, which is
// committed; content/seed-overlap.test.ts then checks the course against it. Run it again when
// the set of articles changes, and commit the file it writes.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  decodeFingerprints,
  encodeFingerprints,
  SEED_FINGERPRINTS_FILE,
  windowFingerprints,
} from "./lib/seed-fingerprints";

const ArgsSchema = z.tuple([
  z
    .string()
    .min(1)
    .transform((folder) => path.resolve(folder))
    .refine(
      (folder) => fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory() === true,
      "must be a folder of articles",
    ),
]);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

const parsed = ArgsSchema.safeParse(process.argv.slice(2));
if (!parsed.success) {
  console.error(`usage: npm run seeds:fingerprint -- <folder of articles>\n${z.prettifyError(parsed.error)}`);
  process.exit(2);
}
const [folder] = parsed.data;
const files = filesUnder(folder).sort();
if (files.length === 0) {
  console.error(`${folder} holds no file to fingerprint`);
  process.exit(1);
}
const fingerprints = files.flatMap((file) => windowFingerprints(fs.readFileSync(file, "utf8")));
const encoded = encodeFingerprints(fingerprints);
fs.writeFileSync(SEED_FINGERPRINTS_FILE, encoded);
console.log(
  `${files.length} articles, ${decodeFingerprints(encoded).count} distinct windows: ${path.relative(process.cwd(), SEED_FINGERPRINTS_FILE)} (${encoded.length} bytes)`,
);
