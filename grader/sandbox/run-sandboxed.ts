// Runs learner-submitted JavaScript under layers that each hold on their own: an unprivileged uid,
// bubblewrap namespaces (nothing of the host's files, processes or network is visible beyond the
// binds), a seccomp filter (no ptrace, bpf, mounts, namespaces, io_uring, kernel modules or clock
// changes), a cgroup (memory, task and CPU caps, and a handle to kill everything), Node's
// permission model (no child processes, no addons but reviewed ones, file access only to the binds)
// and a wall-clock SIGKILL. Probing the layers, building the command line and launching are files
// of their own.
import fs from "node:fs";
import path from "node:path";
import { logger } from "../../lib/log";
import { graderConfig } from "../config";
import {
  bwrapPlan,
  hostPathMapper,
  isRoot,
  nodeArgs,
  nodeBinary,
  withFileSizeLimit,
  type LaunchPlan,
} from "./bwrap-arguments";
import { RunCgroup, type CgroupLayout } from "./cgroup";
import { checkedGpuDevices } from "./gpu-devices";
import { launch, type CapturedRun } from "./launch-sandbox";
import { verifyNativeAddons, type NativeAddon } from "./native-addons";
import { mountOutputTmpfs, type OutputCapacity } from "./output-tmpfs";
import { reachableBinds, SANDBOX_USER } from "./reachable-binds";
import {
  CGROUP_LAYERS,
  LAYER_BWRAP,
  LAYER_CPU,
  LAYER_NETWORK,
  LAYER_USER,
  reprobeSandboxEnvironment,
  sandboxEnvironment,
} from "./sandbox-layers";
import { bindExposingSecret, platformSecretFiles } from "./secret-binds";

export interface SandboxBind {
  source: string;
  target: string;
  isWritable?: boolean;
  /**
   * Writable binds only: where the run drops to the sandbox user, the source becomes a tmpfs of
   * this capacity for the run (output-tmpfs.ts); the caller removes it with the job folder.
   */
  capacity?: OutputCapacity;
}

export interface SandboxRequest {
  /** Absolute path, inside the sandbox, of the JavaScript file node runs. */
  entry: string;
  args?: string[];
  /**
   * Read-only unless isWritable; node's own binary and the system libraries are bound by the
   * runner. Files must be world-readable; a read-only source below a folder the sandbox user may
   * not enter is bound from a copy (reachable-binds.ts), a writable one must be reachable and is
   * handed to the sandbox user.
   */
  binds: SandboxBind[];
  /** cgroup memory cap (also drives --max-old-space-size). */
  memoryBytes: number;
  /** Task (process and thread) cap; node alone uses about a dozen threads. */
  maxProcesses: number;
  /** SIGKILL after this. */
  wallSeconds: number;
  /**
   * Cores' worth of CPU time the run may use (cgroup cpu.max), whatever threads it starts; the
   * grader's configured share (GRADER_CPU_SHARE) when absent.
   */
  cpuCores?: number;
  /**
   * Reviewed native addons the run may load (reviewedNativeAddons()), checked against their hashes
   * on the host before it starts; a mismatch throws, and nothing runs. Each is bound read-only at
   * its own path, `.node` files may be dlopen'ed and nothing else may; the operator's GPU devices
   * (GRADER_GPU_DEVICES) are bound too. None (the default) keeps node's `--no-addons`.
   */
  nativeAddons?: NativeAddon[];
  /** stdout+stderr kept at most this; beyond it the process is killed (flood). */
  outputLimitBytes: number;
  /**
   * Largest file the sandbox may write (RLIMIT_FSIZE): a writable bind without a capacity is on
   * the host's disk, which neither the memory nor the task cap protects.
   */
  maxFileBytes?: number;
  stdin?: string;
  /**
   * Development only: run even when some isolation layers do not work on this machine. The missing
   * layers are named in the result and on the console, never skipped silently.
   */
  allowWeak?: boolean;
}

export type SandboxOutcome = "exited" | "timeout" | "out_of_memory" | "output_limit" | "killed";

export interface SandboxResult {
  outcome: SandboxOutcome;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  peakMemoryBytes: number | null;
  /**
   * Scheduler periods in which the run had used up its CPU share and was held back (cgroup
   * cpu.stat nr_throttled); null without a CPU cap. Absent from results made by hand in tests.
   */
  cpuThrottledPeriods?: number | null;
  /** Layers this run went without (only ever non-empty with allowWeak). */
  missingLayers: string[];
}

export interface SandboxLayer {
  name: string;
  isAvailable: boolean;
  detail: string;
}

export type LineListener = (stream: "stdout" | "stderr", line: string) => void;

/** Mounts the runner itself provides; a bind over them would replace the system or /proc. */
const RESERVED_TARGETS = ["/usr", "/proc", "/dev", "/tmp", "/bin", "/lib", "/lib64", "/sbin", "/lib32", "/libx32"];
const HEAP_OOM_MESSAGE = "JavaScript heap out of memory";

function validateRequest(request: SandboxRequest): void {
  const positive: Array<[string, number]> = [
    ["memoryBytes", request.memoryBytes],
    ["maxProcesses", request.maxProcesses],
    ["wallSeconds", request.wallSeconds],
    ["outputLimitBytes", request.outputLimitBytes],
    ...(request.cpuCores === undefined ? [] : [["cpuCores", request.cpuCores] as [string, number]]),
  ];
  for (const [name, value] of positive) {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${value}`);
  }
  if (!path.isAbsolute(request.entry)) throw new Error(`entry must be an absolute sandbox path: ${request.entry}`);
  for (const bind of request.binds) {
    if (!path.isAbsolute(bind.source) || !path.isAbsolute(bind.target)) {
      throw new Error(`bind paths must be absolute: ${bind.source} -> ${bind.target}`);
    }
    const target = path.normalize(bind.target);
    if (
      target === "/" ||
      RESERVED_TARGETS.some((reserved) => target === reserved || target.startsWith(`${reserved}/`))
    ) {
      throw new Error(`bind target ${bind.target} would cover a mount the sandbox needs`);
    }
    if (!fs.existsSync(bind.source)) throw new Error(`bind source does not exist: ${bind.source}`);
    if (bind.capacity && !bind.isWritable) throw new Error(`only a writable bind has a capacity: ${bind.source}`);
  }
  const addonBinds = (request.nativeAddons ?? []).map((addon) => ({ source: addon.path, target: addon.path }));
  const exposed = bindExposingSecret([...request.binds, ...addonBinds], platformSecretFiles());
  if (exposed) throw new Error(`bind source ${exposed.bind.source} would expose the platform secret ${exposed.file}`);
}

/** Where a reviewed file cannot be bound: over the sandbox's own /proc and /dev, or the host's /sys. */
const ADDON_FORBIDDEN_ROOTS = ["/proc/", "/dev/", "/sys/"];

/**
 * The request's addons, checked on the host (verifyNativeAddons), by every path they are reached
 * by inside: the real path, which node's loader hands to dlopen, and the path as listed when that
 * is a link, which the dynamic linker follows (libtensorflow.so.2 is a link to its full version).
 * `source` is the real file on the host.
 */
function verifiedAddons(request: SandboxRequest): Array<NativeAddon & { source: string }> {
  const listed = request.nativeAddons ?? [];
  const verified = verifyNativeAddons(listed);
  const inside = verified.flatMap((addon, index) => {
    const asListed = path.normalize(listed[index]?.path ?? addon.path);
    const real = { ...addon, source: addon.path };
    return asListed === addon.path ? [real] : [real, { ...real, path: asListed }];
  });
  for (const addon of inside) {
    if (ADDON_FORBIDDEN_ROOTS.some((root) => addon.path.startsWith(root)))
      throw new Error(`native addon ${addon.path} is not a file the sandbox can be given`);
  }
  return inside;
}

/** Checks every isolation layer on this machine by trying it (installing bubblewrap if needed). */
export async function probeSandbox(): Promise<{ layers: SandboxLayer[]; isComplete: boolean }> {
  const { layers } = await reprobeSandboxEnvironment();
  return { layers, isComplete: layers.every((layer) => layer.isAvailable) };
}

/** The cgroup layout runs use, for callers that check nothing was left behind. */
export async function sandboxCgroupLayout(): Promise<CgroupLayout | null> {
  return (await sandboxEnvironment()).cgroupLayout;
}

const warnedWeakLayers = new Set<string>();

export async function runSandboxed(request: SandboxRequest, onLine?: LineListener): Promise<SandboxResult> {
  validateRequest(request);
  // Before anything else: a file changed since review stops the launch as the platform's fault.
  const nativeAddons = verifiedAddons(request);
  const devices = nativeAddons.length > 0 ? checkedGpuDevices(graderConfig.gpuDevices) : [];
  const env = await sandboxEnvironment();
  const missing = env.layers.filter((layer) => !layer.isAvailable);
  if (missing.length > 0 && !request.allowWeak) {
    const list = missing.map((layer) => `${layer.name} (${layer.detail})`).join("; ");
    throw new Error(`The sandbox is incomplete on this machine, refusing to run: ${list}`);
  }
  for (const layer of missing) {
    if (warnedWeakLayers.has(layer.name)) continue;
    warnedWeakLayers.add(layer.name);
    logger.warn(
      { component: "sandbox", layer: layer.name, detail: layer.detail },
      "WEAK: running without a sandbox layer",
    );
  }
  const isMissing = (name: string): boolean => missing.some((layer) => layer.name === name);

  // Without the filter alone (weak mode) the run is still namespaced, just not filtered.
  const isNamespaced = env.bwrap !== null && ![LAYER_BWRAP, LAYER_USER, LAYER_NETWORK].some(isMissing);
  const isDroppedToSandboxUser = isNamespaced && isRoot();
  if (isDroppedToSandboxUser) {
    for (const bind of request.binds.filter((candidate) => candidate.isWritable)) {
      if (bind.capacity) mountOutputTmpfs(bind.source, bind.capacity, SANDBOX_USER);
      else fs.chownSync(bind.source, SANDBOX_USER.uid, SANDBOX_USER.gid);
    }
  }
  const binds = isDroppedToSandboxUser ? reachableBinds(request.binds) : request.binds;
  const addonBinds = nativeAddons.map((addon) => ({ source: addon.source, target: addon.path }));
  const verifiedRequest = {
    ...request,
    nativeAddons: nativeAddons.map((addon) => ({ path: addon.path, sha256: addon.sha256 })),
  };
  const unlimitedPlan: LaunchPlan =
    isNamespaced && env.bwrap
      ? bwrapPlan(
          { bwrap: env.bwrap, setpriv: env.setpriv },
          binds,
          [nodeBinary(), ...nodeArgs(verifiedRequest, (sandboxPath) => sandboxPath)],
          env.seccompFile,
          { files: isDroppedToSandboxUser ? reachableBinds(addonBinds) : addonBinds, devices },
        )
      : {
          command: nodeBinary(),
          args: nodeArgs(verifiedRequest, hostPathMapper(request.binds)),
          isBwrap: false,
          seccompFile: null,
        };
  const plan =
    request.maxFileBytes === undefined ? unlimitedPlan : withFileSizeLimit(unlimitedPlan, request.maxFileBytes);

  const hasCgroup = env.cgroupLayout !== null && CGROUP_LAYERS.every((name) => !isMissing(name));
  const cpuCores = isMissing(LAYER_CPU) ? undefined : (request.cpuCores ?? graderConfig.cpuShare);
  const cgroup =
    hasCgroup && env.cgroupLayout
      ? RunCgroup.create(env.cgroupLayout, {
          memoryBytes: request.memoryBytes,
          maxTasks: request.maxProcesses,
          cpuCores,
        })
      : null;
  try {
    const run = await launch(
      plan,
      cgroup,
      { wallSeconds: request.wallSeconds, outputLimitBytes: request.outputLimitBytes, stdin: request.stdin ?? "" },
      onLine,
    );
    return {
      outcome: classify(run),
      exitCode: run.exitCode,
      signal: run.signal,
      stdout: run.stdout,
      stderr: run.stderr,
      durationMs: Math.round(run.durationMs),
      peakMemoryBytes: run.peakMemoryBytes,
      cpuThrottledPeriods: run.cpuThrottledPeriods,
      missingLayers: missing.map((layer) => layer.name),
    };
  } finally {
    await cgroup?.destroy();
  }
}

function classify(run: CapturedRun): SandboxOutcome {
  if (run.stoppedFor) return run.stoppedFor;
  // bwrap reports a killed command as exit 128+signal, so the cgroup's counter is what tells an
  // OOM kill apart; V8 reaching --max-old-space-size aborts (134) with its own message instead.
  if (run.oomKills > 0) return "out_of_memory";
  if ((run.exitCode === 134 || run.signal === "SIGABRT") && run.stderr.includes(HEAP_OOM_MESSAGE))
    return "out_of_memory";
  if (run.signal !== null) return "killed";
  return "exited";
}
