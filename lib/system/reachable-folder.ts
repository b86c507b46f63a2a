// Some of the platform's processes run as other system users than the one that started it: as
// root, the embedded Postgres runs as `postgres` and learner code as `nobody`. They must be able to
// walk down to their files, which a clone in a 0700 folder (root's home, `mktemp -d`) forbids. The
// state they need then goes to a folder of this project's own outside that tree.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

/** Where state that other users must reach goes when they cannot reach the data folder. */
export const OUTSIDE_STATE_ROOT = "/var/lib/gradient";

/** Links, inside the data folder, to the folder outside it, so `ls -l .data` shows where the rest is. */
export const OUTSIDE_STATE_LINK = "shared";

export function isRunningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The uid and gid of a system user, or null when there is no such user. */
export function findSystemUser(name: string): SystemUser | null {
  try {
    const uid = Number(
      execFileSync("id", ["-u", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(),
    );
    const gid = Number(
      execFileSync("id", ["-g", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(),
    );
    return Number.isInteger(uid) && Number.isInteger(gid) ? { name, uid, gid } : null;
  } catch {
    return null;
  }
}

function mayEnter(stat: fs.Stats, user: SystemUser): boolean {
  if (stat.uid === user.uid) return (stat.mode & 0o100) !== 0;
  // Only the primary group is known without reading /etc/group; missing a supplementary group
  // only ever sends the state outside when it need not go, never the other way.
  if (stat.gid === user.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}

/**
 * The first folder on the way down to `target` (itself included, when it is a folder) that `user`
 * may not enter, or null when every one lets them through. Folders that do not exist yet are
 * left out: whoever creates them chooses their mode.
 */
export function firstBlockingFolder(target: string, user: SystemUser): string | null {
  const chain: string[] = [];
  for (let current = path.resolve(target); ; current = path.dirname(current)) {
    chain.unshift(current);
    if (current === path.dirname(current)) break;
  }
  for (const folder of chain) {
    const stat = fs.statSync(folder, { throwIfNoEntry: false });
    if (!stat) return null;
    if (stat.isDirectory() && !mayEnter(stat, user)) return folder;
  }
  return null;
}

export interface StateFolderChoice {
  /** The folder the other users' state goes in: the data folder itself, or one outside it. */
  dir: string;
  /** When `dir` is outside the data folder because of it: the folder that keeps the other users out. */
  blockedAt: string | null;
}

/** The project's own folder under OUTSIDE_STATE_ROOT: the same data folder always gets the same one. */
export function outsideStateFolder(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  const hash = crypto.createHash("sha256").update(resolved).digest("hex").slice(0, 12);
  // `.data` says nothing; the folder it sits in (the clone) names the project.
  const ownName = path.basename(resolved).replace(/^\.+/, "");
  const name = ownName === "data" || ownName === "" ? path.basename(path.dirname(resolved)) : ownName;
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .slice(0, 40) || "gradient";
  return path.join(OUTSIDE_STATE_ROOT, `${slug}-${hash}`);
}

/**
 * Where the state of `users` goes for the data folder `dataDir`: `dataDir` when each of them can
 * reach it (or when this process is not root, so every process runs as the same user), otherwise
 * the project's folder under OUTSIDE_STATE_ROOT, created on first use and linked from `dataDir`.
 * A data folder once linked outside keeps using the folder outside.
 */
export function chooseStateFolder(dataDir: string, users: readonly SystemUser[]): StateFolderChoice {
  const resolved = path.resolve(dataDir);
  const outside = outsideStateFolder(resolved);
  const blockedAt = isRunningAsRoot()
    ? (users.map((user) => firstBlockingFolder(resolved, user)).find((folder) => folder !== null) ?? null)
    : null;
  if (blockedAt === null) {
    // Once outside, always outside: a folder opened up later must not hide the data kept there.
    const isLinkedOutside =
      isRunningAsRoot() && fs.existsSync(outside) && readLink(path.join(resolved, OUTSIDE_STATE_LINK)) === outside;
    return isLinkedOutside ? { dir: outside, blockedAt: null } : { dir: resolved, blockedAt: null };
  }
  fs.mkdirSync(OUTSIDE_STATE_ROOT, { recursive: true, mode: 0o755 });
  fs.mkdirSync(outside, { recursive: true, mode: 0o755 });
  linkFromDataFolder(resolved, outside);
  return { dir: outside, blockedAt };
}

function readLink(file: string): string | null {
  try {
    return fs.readlinkSync(file);
  } catch {
    return null;
  }
}

function linkFromDataFolder(dataDir: string, outside: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const link = path.join(dataDir, OUTSIDE_STATE_LINK);
  const existing = fs.lstatSync(link, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink() && fs.readlinkSync(link) === outside) return;
  if (existing && !existing.isSymbolicLink()) return;
  fs.rmSync(link, { force: true });
  fs.symlinkSync(outside, link);
}
