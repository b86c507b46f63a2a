// A copy of read-only files (program binaries, packages) in a folder another system user can
// reach, made once per version of those files and reused until they change.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { OUTSIDE_STATE_ROOT } from "./reachable-folder";

export interface StagedSource {
  /** Absolute path of a folder or file to copy. */
  source: string;
  /** Where its copy goes, relative to the staged folder. */
  name: string;
}

const COMPLETE_MARKER = ".complete";

function fingerprintTree(dir: string, relative: string, hash: crypto.Hash): void {
  for (const entry of fs
    .readdirSync(path.join(dir, relative), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
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
 * returns `<parent>/<fingerprint>`. Copies of earlier versions are removed (entries whose name starts
 * with a dot are left alone). A copy is built under
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
    if (entry !== path.basename(target) && !entry.startsWith("."))
      fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
  return target;
}

/**
 * Where the copies of `source` go: program files, not data, so never onto the data folder's disk
 * (which may be small and full); one folder per source path, whose `.source` names it.
 */
export function copiesFolder(source: string): string {
  const resolved = path.resolve(source);
  return path.join(
    OUTSIDE_STATE_ROOT,
    "copies",
    crypto.createHash("sha256").update(resolved).digest("hex").slice(0, 16),
  );
}

// One check per source and process: node_modules and the harness do not change under a running
// process, and checking every file of tfjs before each sandbox run would cost more than the run's start.
const knownCopies = new Map<string, string>();

/** A copy of the folder or file `source` in a folder every user can reach (see copiesFolder). */
export function reachableCopy(source: string): string {
  const known = knownCopies.get(source);
  if (known && fs.existsSync(known)) return known;
  const folder = copiesFolder(source);
  fs.mkdirSync(OUTSIDE_STATE_ROOT, { recursive: true, mode: 0o755 });
  fs.mkdirSync(folder, { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(folder, ".source"), `${path.resolve(source)}\n`);
  const copy = path.join(stageCopy(folder, [{ source, name: "tree" }]), "tree");
  knownCopies.set(source, copy);
  return copy;
}
