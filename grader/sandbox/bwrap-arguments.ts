// The command line a sandboxed run starts with: bubblewrap's mounts and namespaces, the drop to the
// sandbox user, the file-size limit, and node's own flags (permission model, addons, heap cap).
import fs from "node:fs";
import { dlopenGuardImport } from "./dlopen-guard";
import { isLoadableAddon } from "./native-addons";
import { SANDBOX_USER } from "./reachable-binds";
import type { SandboxBind, SandboxRequest } from "./run-sandboxed";

/** bwrap reports its inner pid on this fd, as JSON. */
export const INFO_FD = 3;
/** bwrap waits for a byte on this fd before starting the command, until the cgroup holds it. */
export const BLOCK_FD = 4;
/** bwrap reads the compiled seccomp filter from this fd. */
export const SECCOMP_FD = 5;

const ROOT_LINKS = ["bin", "lib", "lib64", "sbin", "lib32", "libx32"];
const PRLIMIT = "/usr/bin/prlimit";
/**
 * Node queues writes to a full pipe in memory, so output flooded from a loop that never yields
 * would fill the submission's heap instead of reaching the output cap. Blocking writes make a
 * flood wait for the grader to read it. (base64: a data: URL ends its code at any "?" or "#".)
 */
const BLOCKING_STDIO_IMPORT = `--import=data:text/javascript;base64,${Buffer.from(
  "for (const s of [process.stdout, process.stderr]) " +
    "if (s._handle && s._handle.setBlocking) s._handle.setBlocking(true);",
).toString("base64")}`;

export interface LaunchPlan {
  command: string;
  args: string[];
  /** bwrap reports its inner pid on INFO_FD and waits on BLOCK_FD until the cgroup holds it. */
  isBwrap: boolean;
  /** The compiled filter bwrap reads on SECCOMP_FD, or null to run without one. */
  seccompFile: string | null;
}

/** What a bwrap plan needs to know about this machine. */
export interface BwrapTools {
  bwrap: string;
  /** Needed only when the grader runs as root. */
  setpriv: string | null;
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

export function nodeBinary(): string {
  return fs.realpathSync(process.execPath);
}

/** The system part of the sandbox's root: /usr, the merged-/usr links, and node itself. */
function systemMountArgs(): string[] {
  const args = ["--ro-bind", "/usr", "/usr"];
  for (const name of ROOT_LINKS) {
    const hostPath = `/${name}`;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(hostPath);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push("--symlink", fs.readlinkSync(hostPath), hostPath);
    else if (stat.isDirectory()) args.push("--ro-bind", hostPath, hostPath);
  }
  const node = nodeBinary();
  if (!node.startsWith("/usr/")) args.push("--ro-bind", node, node);
  return args;
}

/** What a run that loads native addons adds to the sandbox's mounts. */
export interface NativeMounts {
  /**
   * Reviewed files, each bound read-only at its own path (target; the source may be a copy the
   * sandbox user can reach). One under /usr is there already.
   */
  files: readonly SandboxBind[];
  /** Device nodes bound as they are, so a driver can use them. */
  devices: readonly string[];
}

const NO_NATIVE_MOUNTS: NativeMounts = { files: [], devices: [] };

/** `command` is the program to run inside (its path as the sandbox sees it) and its arguments. */
export function bwrapPlan(
  tools: BwrapTools,
  binds: SandboxBind[],
  command: string[],
  seccompFile: string | null,
  native: NativeMounts = NO_NATIVE_MOUNTS,
): LaunchPlan {
  const bwrapArgs = [
    "--unshare-all",
    "--unshare-user",
    // Learner code must not build a fresh user namespace inside to regain capabilities there.
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
    "--clearenv",
    "--cap-drop",
    "ALL",
    ...systemMountArgs(),
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--tmpfs",
    "/tmp",
    ...binds.flatMap((bind) => [bind.isWritable ? "--bind" : "--ro-bind", bind.source, bind.target]),
    // After the binds, so no writable bind can cover a reviewed file; after /tmp's tmpfs, so one there is seen.
    ...native.files
      .filter((file) => !file.target.startsWith("/usr/"))
      .flatMap((file) => ["--ro-bind", file.source, file.target]),
    ...native.devices.flatMap((device) => ["--dev-bind", device, device]),
    // bwrap's own root is a writable tmpfs; sealing it leaves the output binds and /tmp writable.
    "--remount-ro",
    "/",
    "--chdir",
    "/",
    "--info-fd",
    String(INFO_FD),
    "--block-fd",
    String(BLOCK_FD),
    // Loaded by bwrap's init and by the command's process just before its execve, so it covers
    // everything inside, and nothing of bwrap's own set-up has to pass it.
    ...(seccompFile === null ? [] : ["--seccomp", String(SECCOMP_FD)]),
    "--",
    ...command,
  ];
  if (isRoot()) {
    if (!tools.setpriv) throw new Error("setpriv is missing, so the sandbox would run as root");
    // Unprivileged, bwrap has to build a user namespace, and the sandbox's root there is nobody
    // on the host. The parent-death signal takes the sandbox down if the grader itself dies.
    const dropArgs = [
      `--reuid=${SANDBOX_USER.uid}`,
      `--regid=${SANDBOX_USER.gid}`,
      "--clear-groups",
      "--pdeathsig",
      "KILL",
    ];
    return { command: tools.setpriv, args: [...dropArgs, tools.bwrap, ...bwrapArgs], isBwrap: true, seccompFile };
  }
  return { command: tools.bwrap, args: bwrapArgs, isBwrap: true, seccompFile };
}

/** prlimit sets the limit and then execs the plan's command, so every process below inherits it. */
export function withFileSizeLimit(plan: LaunchPlan, maxFileBytes: number): LaunchPlan {
  if (!fs.existsSync(PRLIMIT))
    throw new Error(`${PRLIMIT} (util-linux) is missing, so the sandbox's file sizes could not be capped`);
  const bytes = String(Math.floor(maxFileBytes));
  return { ...plan, command: PRLIMIT, args: [`--fsize=${bytes}:${bytes}`, "--", plan.command, ...plan.args] };
}

export function permissionFlag(): string {
  const major = Number(process.versions.node.split(".")[0]);
  return major >= 22 ? "--permission" : "--experimental-permission";
}

/**
 * No addons at all, or (with a reviewed list) the permission model's addon switch turned on and the
 * dlopen guard loaded first, so only the listed `.node` files load. Every listed file is readable
 * from JavaScript too: packages look for their binding (fs.existsSync) before they require it.
 */
function addonArgs(nativeAddons: SandboxRequest["nativeAddons"]): string[] {
  if (!nativeAddons || nativeAddons.length === 0) return ["--no-addons"];
  return [
    ...nativeAddons.map((addon) => `--allow-fs-read=${addon.path}`),
    "--allow-addons",
    // Node warns on stderr that addons can undo the permission model; the guard is the answer to
    // that, and the warning would otherwise open every learner's log.
    "--disable-warning=SecurityWarning",
    dlopenGuardImport(nativeAddons.filter(isLoadableAddon).map((addon) => addon.path)),
  ];
}

/**
 * `request.nativeAddons` must be verified already (verifyNativeAddons), each by the paths it has
 * inside: node's loader hands dlopen the real path, so that is the one the guard must list.
 */
export function nodeArgs(request: SandboxRequest, mapPath: (sandboxPath: string) => string): string[] {
  const heapMiB = Math.max(16, Math.floor((request.memoryBytes * 0.75) / 2 ** 20));
  return [
    `--max-old-space-size=${heapMiB}`,
    permissionFlag(),
    "--disable-warning=ExperimentalWarning",
    ...request.binds.map((bind) => `--allow-fs-read=${mapPath(bind.target)}`),
    ...request.binds.filter((bind) => bind.isWritable).map((bind) => `--allow-fs-write=${mapPath(bind.target)}`),
    ...addonArgs(request.nativeAddons),
    BLOCKING_STDIO_IMPORT,
    mapPath(request.entry),
    ...(request.args ?? []).map(mapPath),
  ];
}

/** Without bwrap (weak mode only) sandbox paths have to be translated back to host paths. */
export function hostPathMapper(binds: SandboxBind[]): (sandboxPath: string) => string {
  const byLength = [...binds].sort((a, b) => b.target.length - a.target.length);
  return (sandboxPath) => {
    for (const bind of byLength) {
      if (sandboxPath === bind.target) return bind.source;
      if (sandboxPath.startsWith(`${bind.target}/`)) return bind.source + sandboxPath.slice(bind.target.length);
    }
    return sandboxPath;
  };
}
