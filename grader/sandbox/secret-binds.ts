// Whatever a caller asks to bind, the sandbox never sees the platform's secrets: a bind of the data
// folder (or of any folder above it, or of a link to either) would hand learner code the held-out
// secret, and with it every held-out row.
import fs from "node:fs";
import path from "node:path";
import { heldOutSecretFile } from "@/grader/datasets/heldout-secret";
import type { SandboxBind } from "./run-sandboxed";

/** Files no bind may expose. */
export function platformSecretFiles(): string[] {
  return [heldOutSecretFile()];
}

/** The path with links resolved as far as it exists, so a link to a secret's folder is caught too. */
function resolved(file: string): string {
  const absolute = path.resolve(file);
  try {
    return fs.realpathSync(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(resolved(parent), path.basename(absolute));
  }
}

/** The first bind whose source is one of `files` or a folder that holds one, or null when none does. */
export function bindExposingSecret(
  binds: readonly SandboxBind[],
  files: readonly string[],
): { bind: SandboxBind; file: string } | null {
  const secrets = files.map(resolved);
  for (const bind of binds) {
    const source = resolved(bind.source);
    const inside = source.endsWith(path.sep) ? source : `${source}${path.sep}`;
    const file = secrets.find((secret) => secret === source || secret.startsWith(inside));
    if (file !== undefined) return { bind, file };
  }
  return null;
}
