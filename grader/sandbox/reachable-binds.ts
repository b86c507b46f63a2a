// As root the sandbox runs as nobody, and bwrap, dropped to nobody as well, opens each bind's
// source itself: a source below a folder that user may not enter (a clone in a 0700 home or a
// `mktemp -d` folder) cannot be bound. Such a read-only source is bound from a copy in a folder
// nobody can reach instead; nothing else about the sandbox changes.
import path from "node:path";
import { dataDir } from "@/lib/env";
import { chooseStateFolder, firstBlockingFolder, type SystemUser } from "@/lib/system/reachable-folder";
import { reachableCopy } from "@/lib/system/stage-copy";
import type { SandboxBind } from "./run-sandboxed";

/** nobody/nogroup: owns nothing on the host, so the sandbox can write nowhere it is not given. */
export const SANDBOX_USER: SystemUser = { name: "nobody", uid: 65534, gid: 65534 };

/** Where the sandbox user's state goes for this installation: its job folders. */
export function sandboxStateFolder(): string {
  return chooseStateFolder(dataDir, [SANDBOX_USER]).dir;
}

/** Where the job folders of sandboxed runs go. */
export function sandboxJobsFolder(): string {
  return path.join(sandboxStateFolder(), "jobs");
}

/**
 * `binds` with every read-only source the sandbox user cannot reach replaced by a copy it can.
 * A writable source is where the host reads the run's results from, so it must be reachable
 * itself: copying it would lose what the sandbox writes.
 */
export function reachableBinds(binds: readonly SandboxBind[]): SandboxBind[] {
  return binds.map((bind) => {
    const blockedAt = firstBlockingFolder(bind.source, SANDBOX_USER);
    if (blockedAt === null) return bind;
    if (bind.isWritable)
      throw new Error(`The sandbox user cannot enter ${blockedAt}, so it cannot write to ${bind.source}`);
    return { ...bind, source: reachableCopy(bind.source) };
  });
}
