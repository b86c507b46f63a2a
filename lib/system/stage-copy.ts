// A copy of read-only files (program binaries, packages) in a folder another system user can
// reach, made once per version of those files and reused until they change.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface StagedSource {
  /** Absolute path of a folder or file to copy. */
  source: string;
  /** Where its copy goes, relative to the staged folder. */
  name: string;
}

const COMPLETE_MARKER = ".complete";

function fingerprintTree(dir: string, relative: string, hash: crypto.Hash): void {
  for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const entryPath = path.join(relative, entry.name);
    const stat = fs.lstatSync(path.join(dir, entryPath));
    hash.update(`${entryPath}\0${stat.mode}\0${stat.size}\0${stat.mtimeMs}\0`);
    if (entry.isDirectory()) fingerprintTree(dir, entryPath, hash);
  }
}

/** Changes whenever a file under the sources is added, removed, resized, touched or re-moded. */
function fingerprint(sources: readonly StagedSource[]): string {
  const hash = crypto.createHash("sha256");
  for (const { source, name } of sources) {
    const stat = fs.statSync(source);
    hash.update(`${name}\0${source}\0${stat.mode}\0${stat.size}\0${stat.mtimeMs}\0`);
    if (stat.isDirectory()) fingerprintTree(source, "", hash);
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * Copies `sources` to `<parent>/<fingerprint>/<name>` unless that copy is complete already, and
 * returns `<parent>/<fingerprint>`. Copies of earlier versions are removed. A copy is built under
 * a temporary name and renamed, so a half-made copy is never used.
 */
export function stageCopy(parent: string, sources: readonly StagedSource[]): string {
  const target = path.join(parent, fingerprint(sources));
  if (fs.existsSync(path.join(target, COMPLETE_MARKER))) return target;
  fs.mkdirSync(parent, { recursive: true, mode: 0o755 });
  const building = fs.mkdtempSync(path.join(parent, ".building-"));
  try {
    fs.chmodSync(building, 0o755);
    for (const { source, name } of sources) {
      fs.cpSync(source, path.join(building, name), { recursive: true, verbatimSymlinks: true });
    }
    fs.writeFileSync(path.join(building, COMPLETE_MARKER), "");
    fs.renameSync(building, target);
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    // Another process staging the same version at the same time got there first.
    if (fs.existsSync(path.join(target, COMPLETE_MARKER))) return target;
    throw error;
  }
  for (const entry of fs.readdirSync(parent)) {
    if (entry !== path.basename(target) && !entry.startsWith(".building-")) fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
  return target;
}
