// The platform installs what it needs from Debian's packages itself, so a fresh machine works
// without hand-installed tools. Only fixed package names from our own code reach apt-get.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { childEnvironment } from "../env";
import { logger } from "../log";

const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

let hasUpdatedIndex = false;

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function assertPackageNames(names: readonly string[]): void {
  for (const name of names) {
    if (!PACKAGE_NAME.test(name)) throw new Error(`Not a Debian package name: ${name}`);
  }
}

export function isDebianPackageInstalled(name: string): boolean {
  assertPackageNames([name]);
  const result = spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
  return result.status === 0 && result.stdout.includes("install ok installed");
}

function updateIndexOnce(): void {
  if (hasUpdatedIndex) return;
  execFileSync("apt-get", ["update", "-qq"], { stdio: ["ignore", "ignore", "inherit"] });
  hasUpdatedIndex = true;
}

/**
 * Installs the Debian packages that are missing. Throws with the exact command to run when this
 * process cannot install them itself (not root, or no apt-get).
 */
export function ensureDebianPackages(names: readonly string[], why: string): void {
  assertPackageNames(names);
  const missing = names.filter((name) => !isDebianPackageInstalled(name));
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(" ")}`;
  if (!isRoot() || spawnSync("apt-get", ["--version"]).status !== 0) {
    throw new Error(`${why} needs the Debian packages ${missing.join(", ")}. Install them with: ${command}`);
  }
  logger.info({ packages: missing, why }, "installing from Debian's packages");
  updateIndexOnce();
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
    stdio: ["ignore", "ignore", "inherit"],
    env: childEnvironment({ DEBIAN_FRONTEND: "noninteractive" }),
  });
}

/**
 * Unpacks a Debian package's files into `targetDir` without installing it (no root needed for
 * the unpacking, no maintainer scripts run). Returns `targetDir`. Idempotent.
 */
export function extractDebianPackage(name: string, targetDir: string): string {
  assertPackageNames([name]);
  const marker = path.join(targetDir, ".extracted");
  if (fs.existsSync(marker)) return targetDir;
  fs.mkdirSync(targetDir, { recursive: true });
  const downloadDir = fs.mkdtempSync(path.join(targetDir, ".download-"));
  try {
    let download = spawnSync("apt-get", ["download", name], { cwd: downloadDir, encoding: "utf8" });
    if (download.status !== 0 && isRoot()) {
      updateIndexOnce();
      download = spawnSync("apt-get", ["download", name], { cwd: downloadDir, encoding: "utf8" });
    }
    if (download.status !== 0) {
      throw new Error(`apt-get download ${name} failed: ${download.stderr.trim()}`);
    }
    const archive = fs.readdirSync(downloadDir).find((file) => file.endsWith(".deb"));
    if (!archive) throw new Error(`apt-get download ${name} produced no .deb file`);
    execFileSync("dpkg", ["-x", path.join(downloadDir, archive), targetDir]);
    fs.writeFileSync(marker, `${archive}\n`);
    return targetDir;
  } finally {
    fs.rmSync(downloadDir, { recursive: true, force: true });
  }
}
