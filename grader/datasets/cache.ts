// Expensive source data (parsed JSON, gunzipped IDX files, a tokenised corpus) is cached under
// dataDir/datasets so only the first grading run on a machine pays for it.
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/env";

export const datasetCacheDir = path.join(dataDir, "datasets");

/** Returns the cached file's bytes, building and writing them atomically on a miss. */
export function cachedBytes(name: string, build: () => Uint8Array): Buffer {
  const file = path.join(datasetCacheDir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file);
  const bytes = build();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // A concurrent worker may be writing the same cache; rename makes the last complete write win.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, file);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The cached bytes as floats; copied because a Buffer from fs may start at an offset that is not 4-byte aligned. */
export function asFloat32(bytes: Buffer): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}
