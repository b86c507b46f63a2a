// The sandbox sees only the packages a submission may use, not the whole node_modules (which holds
// the platform's own server code and tools). Node looks in /node_modules from anywhere, so each
// package is mounted there and resolves as it does on the host.
import fs from "node:fs";
import path from "node:path";
import type { SandboxBind } from "./run-sandboxed";

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as PackageJson;
}

/** Where node would find `name` when required from `fromDir`, walking up as node does. */
function findPackage(fromDir: string, name: string, stopAt: string): string | null {
  for (let dir = fromDir; dir.startsWith(stopAt); dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === stopAt) break;
  }
  return null;
}

/**
 * Read-only binds, at /node_modules/<name>, of the packages `roots` and everything they depend on.
 * Packages npm nested inside another package come along with that package's directory.
 */
export function packageBinds(nodeModulesDir: string, roots: readonly string[]): SandboxBind[] {
  const projectDir = path.dirname(path.resolve(nodeModulesDir));
  const topLevel = new Set<string>();
  const seen = new Set<string>();
  const pending: Array<{ fromDir: string; name: string; isRequired: boolean }> = roots.map((name) => ({
    fromDir: projectDir,
    name,
    isRequired: true,
  }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const found = findPackage(next.fromDir, next.name, projectDir);
    if (!found) {
      if (next.isRequired) throw new Error(`package ${next.name} is not installed (needed from ${next.fromDir})`);
      continue;
    }
    if (seen.has(found)) continue;
    seen.add(found);
    if (found === path.join(projectDir, "node_modules", next.name)) topLevel.add(next.name);
    const manifest = readPackageJson(found);
    for (const name of Object.keys(manifest.dependencies ?? {}))
      pending.push({ fromDir: found, name, isRequired: true });
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) {
      pending.push({ fromDir: found, name, isRequired: false });
    }
  }
  return [...topLevel].sort().map((name) => ({
    source: fs.realpathSync(path.join(projectDir, "node_modules", name)),
    target: `/node_modules/${name}`,
  }));
}
