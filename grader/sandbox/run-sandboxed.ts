// Runs learner-submitted JavaScript under layers that each hold on their own: an unprivileged uid,
// bubblewrap namespaces (nothing of the host's files, processes or network is visible beyond the
// binds), a cgroup (memory and task caps, and a handle to kill everything), Node's permission model
// (no child processes, no addons, file access only to the binds) and a wall-clock SIGKILL.
import { spawn, type StdioOptions } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type Readable, Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { errorMessage } from "../../lib/errors";
import { ensureDebianPackages } from "../../lib/system/debian-packages";
import { detectCgroupLayout, RunCgroup, type CgroupLayout } from "./cgroup";
import { logger } from "../../lib/log";
import { reachableBinds, SANDBOX_USER } from "./reachable-binds";
import { bindExposingSecret, platformSecretFiles } from "./secret-binds";

export interface SandboxBind {
  source: string;
  target: string;
  isWritable?: boolean;
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
  /** stdout+stderr kept at most this; beyond it the process is killed (flood). */
  outputLimitBytes: number;
  /**
   * Largest file the sandbox may write (RLIMIT_FSIZE): the writable binds are on the host's disk,
   * which neither the memory nor the task cap protects.
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
  /** Layers this run went without (only ever non-empty with allowWeak). */
  missingLayers: string[];
}

export interface SandboxLayer {
  name: string;
  isAvailable: boolean;
  detail: string;
}

export type LineListener = (stream: "stdout" | "stderr", line: string) => void;

const SANDBOX_UID = SANDBOX_USER.uid;
const SANDBOX_GID = SANDBOX_USER.gid;

const LAYER_BWRAP = "bwrap";
const LAYER_USER = "unprivileged-user";
const LAYER_MEMORY = "cgroup-memory";
const LAYER_PIDS = "cgroup-pids";
const LAYER_NETWORK = "network-namespace";
const NAMESPACE_LAYERS = [LAYER_BWRAP, LAYER_USER, LAYER_NETWORK];

/** Mounts the runner itself provides; a bind over them would replace the system or /proc. */
const RESERVED_TARGETS = ["/usr", "/proc", "/dev", "/tmp", "/bin", "/lib", "/lib64", "/sbin", "/lib32", "/libx32"];
const ROOT_LINKS = ["bin", "lib", "lib64", "sbin", "lib32", "libx32"];
const TOOL_DIRS = ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"];
const HEAP_OOM_MESSAGE = "JavaScript heap out of memory";
/**
 * Node queues writes to a full pipe in memory, so output flooded from a loop that never yields
 * would fill the submission's heap instead of reaching the output cap. Blocking writes make a
 * flood wait for the grader to read it. (base64: a data: URL ends its code at any "?" or "#".)
 */
const BLOCKING_STDIO_IMPORT = `--import=data:text/javascript;base64,${Buffer.from(
  "for (const s of [process.stdout, process.stderr]) " +
    "if (s._handle && s._handle.setBlocking) s._handle.setBlocking(true);",
).toString("base64")}`;
const INFO_FD = 3;
const BLOCK_FD = 4;

function findTool(name: string): string | null {
  for (const dir of TOOL_DIRS) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return null;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

interface Environment {
  layers: SandboxLayer[];
  bwrap: string | null;
  setpriv: string | null;
  cgroupLayout: CgroupLayout | null;
}

function nodeBinary(): string {
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

interface LaunchPlan {
  command: string;
  args: string[];
  /** bwrap reports its inner pid on INFO_FD and waits on BLOCK_FD until the cgroup holds it. */
  isBwrap: boolean;
}

function bwrapPlan(env: Environment, bwrap: string, binds: SandboxBind[], nodeArgs: string[]): LaunchPlan {
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
    // bwrap's own root is a writable tmpfs; sealing it leaves the output binds and /tmp writable.
    "--remount-ro",
    "/",
    "--chdir",
    "/",
    "--info-fd",
    String(INFO_FD),
    "--block-fd",
    String(BLOCK_FD),
    "--",
    nodeBinary(),
    ...nodeArgs,
  ];
  if (isRoot()) {
    if (!env.setpriv) throw new Error("setpriv is missing, so the sandbox would run as root");
    // Unprivileged, bwrap has to build a user namespace, and the sandbox's root there is nobody
    // on the host. The parent-death signal takes the sandbox down if the grader itself dies.
    const dropArgs = [`--reuid=${SANDBOX_UID}`, `--regid=${SANDBOX_GID}`, "--clear-groups", "--pdeathsig", "KILL"];
    return { command: env.setpriv, args: [...dropArgs, bwrap, ...bwrapArgs], isBwrap: true };
  }
  return { command: bwrap, args: bwrapArgs, isBwrap: true };
}

const PRLIMIT = "/usr/bin/prlimit";

/** prlimit sets the limit and then execs the plan's command, so every process below inherits it. */
function withFileSizeLimit(plan: LaunchPlan, maxFileBytes: number): LaunchPlan {
  if (!fs.existsSync(PRLIMIT))
    throw new Error(`${PRLIMIT} (util-linux) is missing, so the sandbox's file sizes could not be capped`);
  const bytes = String(Math.floor(maxFileBytes));
  return { ...plan, command: PRLIMIT, args: [`--fsize=${bytes}:${bytes}`, "--", plan.command, ...plan.args] };
}

function permissionFlag(): string {
  const major = Number(process.versions.node.split(".")[0]);
  return major >= 22 ? "--permission" : "--experimental-permission";
}

function nodeArgs(request: SandboxRequest, mapPath: (sandboxPath: string) => string): string[] {
  const heapMiB = Math.max(16, Math.floor((request.memoryBytes * 0.75) / 2 ** 20));
  return [
    `--max-old-space-size=${heapMiB}`,
    permissionFlag(),
    "--disable-warning=ExperimentalWarning",
    ...request.binds.map((bind) => `--allow-fs-read=${mapPath(bind.target)}`),
    ...request.binds.filter((bind) => bind.isWritable).map((bind) => `--allow-fs-write=${mapPath(bind.target)}`),
    "--no-addons",
    BLOCKING_STDIO_IMPORT,
    mapPath(request.entry),
    ...(request.args ?? []).map(mapPath),
  ];
}

/** Without bwrap (weak mode only) sandbox paths have to be translated back to host paths. */
function hostPathMapper(binds: SandboxBind[]): (sandboxPath: string) => string {
  const byLength = [...binds].sort((a, b) => b.target.length - a.target.length);
  return (sandboxPath) => {
    for (const bind of byLength) {
      if (sandboxPath === bind.target) return bind.source;
      if (sandboxPath.startsWith(`${bind.target}/`)) return bind.source + sandboxPath.slice(bind.target.length);
    }
    return sandboxPath;
  };
}

function validateRequest(request: SandboxRequest): void {
  const positive: Array<[string, number]> = [
    ["memoryBytes", request.memoryBytes],
    ["maxProcesses", request.maxProcesses],
    ["wallSeconds", request.wallSeconds],
    ["outputLimitBytes", request.outputLimitBytes],
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
  }
  const exposed = bindExposingSecret(request.binds, platformSecretFiles());
  if (exposed) throw new Error(`bind source ${exposed.bind.source} would expose the platform secret ${exposed.file}`);
}

interface CapturedRun {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  stoppedFor: "timeout" | "output_limit" | null;
  oomKills: number;
  peakMemoryBytes: number | null;
  info: Record<string, unknown> | null;
}

interface LaunchLimits {
  wallSeconds: number;
  outputLimitBytes: number;
  stdin: string;
}

class LineSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private pending = "";

  constructor(private readonly emit: (line: string) => void) {}

  push(chunk: Buffer): void {
    const lines = (this.pending + this.decoder.write(chunk)).split("\n");
    this.pending = lines.pop() ?? "";
    for (const line of lines) this.emit(line);
  }

  flush(): void {
    const rest = this.pending + this.decoder.end();
    this.pending = "";
    if (rest !== "") this.emit(rest);
  }
}

function waitForClose(stream: Readable | null, timeoutMs: number): Promise<void> {
  if (!stream || stream.closed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    stream.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function launch(
  plan: LaunchPlan,
  cgroup: RunCgroup | null,
  limits: LaunchLimits,
  onLine: LineListener | undefined,
): Promise<CapturedRun> {
  const extraFd = plan.isBwrap ? "pipe" : "ignore";
  const stdio: StdioOptions = ["pipe", "pipe", "pipe", extraFd, extraFd];
  // The empty environment is for bwrap and setpriv themselves: --clearenv only cleans the
  // sandboxed command's, and bwrap's own copy would be readable as /proc/1/environ inside.
  // (The cast only satisfies Next's augmentation of ProcessEnv, which marks NODE_ENV required.)
  const child = spawn(plan.command, plan.args, { env: {} as NodeJS.ProcessEnv, stdio });
  const startedAt = performance.now();
  const spawned = new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", reject);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });

  let stoppedFor: CapturedRun["stoppedFor"] = null;
  let setupError: unknown = null;
  const stop = (reason: "timeout" | "output_limit" | null): void => {
    stoppedFor ??= reason;
    child.kill("SIGKILL");
    void cgroup?.killAll().catch(() => undefined);
  };
  const timer = setTimeout(() => stop("timeout"), limits.wallSeconds * 1000);

  const kept = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  let keptBytes = 0;
  const splitters = {
    stdout: new LineSplitter((line) => onLine?.("stdout", line)),
    stderr: new LineSplitter((line) => onLine?.("stderr", line)),
  };
  for (const name of ["stdout", "stderr"] as const) {
    child[name]?.on("data", (chunk: Buffer) => {
      if (stoppedFor === "output_limit") return;
      const room = limits.outputLimitBytes - keptBytes;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      keptBytes += piece.length;
      kept[name].push(piece);
      splitters[name].push(piece);
      if (chunk.length > room) stop("output_limit");
    });
  }
  child.stdin?.on("error", () => undefined);
  child.stdin?.end(limits.stdin);

  let info: Record<string, unknown> | null = null;
  if (plan.isBwrap) {
    const infoStream = child.stdio[INFO_FD];
    const blockStream = child.stdio[BLOCK_FD];
    // Node gives extra "pipe" fds as duplex sockets; bwrap writes one and reads the other.
    if (infoStream && blockStream instanceof Writable) {
      let text = "";
      infoStream.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
      });
      infoStream.once("end", () => {
        try {
          info = text === "" ? null : (JSON.parse(text) as Record<string, unknown>);
          const innerPid = info?.["child-pid"];
          if (cgroup && child.pid !== undefined && typeof innerPid === "number") {
            cgroup.addProcess(child.pid);
            cgroup.addProcess(innerPid);
          }
          // Only now may the sandboxed command start: every task it creates inherits the cgroup.
          blockStream.write("1");
        } catch (error) {
          setupError = error;
          stop(null);
        }
      });
    }
  } else if (cgroup && child.pid !== undefined) {
    try {
      cgroup.addProcess(child.pid);
    } catch (error) {
      setupError = error;
      stop(null);
    }
  }

  try {
    await spawned;
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  const { code, signal } = await exited;
  const durationMs = performance.now() - startedAt;
  clearTimeout(timer);
  await cgroup?.killAll();
  // Everything that could hold the pipes open is dead now, so they close promptly.
  await Promise.all([waitForClose(child.stdout, 2000), waitForClose(child.stderr, 2000)]);
  for (const stream of child.stdio) stream?.destroy();
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what a setup step threw
  if (setupError) throw setupError;
  splitters.stdout.flush();
  splitters.stderr.flush();
  return {
    exitCode: code,
    signal,
    stdout: Buffer.concat(kept.stdout).toString("utf8"),
    stderr: Buffer.concat(kept.stderr).toString("utf8"),
    durationMs,
    stoppedFor,
    oomKills: cgroup?.oomKillCount() ?? 0,
    peakMemoryBytes: cgroup?.peakMemoryBytes() ?? null,
    info,
  };
}

async function installBwrap(): Promise<string | null> {
  const existing = findTool("bwrap");
  if (existing) return existing;
  ensureDebianPackages(["bubblewrap"], "the grader sandbox");
  return findTool("bwrap");
}

function hostNetworkNamespace(): number | null {
  const match = /\[(\d+)\]/.exec(fs.readlinkSync("/proc/self/ns/net"));
  return match?.[1] === undefined ? null : Number(match[1]);
}

const PROBE_SCRIPT = "process.stdout.write(JSON.stringify({ uid: process.getuid() }))";

async function detectEnvironment(): Promise<Environment> {
  const layers = new Map<string, SandboxLayer>();
  const mark = (name: string, isAvailable: boolean, detail: string): void => {
    layers.set(name, { name, isAvailable, detail });
  };

  let cgroupLayout: CgroupLayout | null = null;
  let probeGroup: RunCgroup | null = null;
  try {
    cgroupLayout = detectCgroupLayout();
    await RunCgroup.removeOrphans(cgroupLayout);
    probeGroup = RunCgroup.create(cgroupLayout, { memoryBytes: 256 * 2 ** 20, maxTasks: 64 });
    const where = `cgroup v${cgroupLayout.version} under ${cgroupLayout.memoryParent}`;
    mark(LAYER_MEMORY, true, where);
    mark(
      LAYER_PIDS,
      true,
      cgroupLayout.pidsParent === cgroupLayout.memoryParent ? where : `cgroup v1 under ${cgroupLayout.pidsParent}`,
    );
  } catch (error) {
    cgroupLayout = null;
    mark(LAYER_MEMORY, false, errorMessage(error));
    mark(LAYER_PIDS, false, errorMessage(error));
  }

  const setpriv = findTool("setpriv");
  let bwrap: string | null = null;
  try {
    bwrap = await installBwrap();
    if (!bwrap) throw new Error("bwrap is not on this machine");
    if (isRoot() && !setpriv) throw new Error("setpriv is missing, so the sandbox would run as root");
    const env: Environment = { layers: [], bwrap, setpriv, cgroupLayout };
    const run = await launch(
      bwrapPlan(env, bwrap, [], [permissionFlag(), "--disable-warning=ExperimentalWarning", "-e", PROBE_SCRIPT]),
      probeGroup,
      { wallSeconds: 10, outputLimitBytes: 64 * 1024, stdin: "" },
      undefined,
    );
    if (run.exitCode !== 0) throw new Error(`a trial sandbox failed (exit ${run.exitCode}): ${run.stderr.trim()}`);
    mark(LAYER_BWRAP, true, `${bwrap}, all namespaces unshared`);
    const { uid } = JSON.parse(run.stdout) as { uid: number };
    mark(LAYER_USER, uid !== 0, uid !== 0 ? `sandboxed code runs as uid ${uid}` : "sandboxed code runs as root");
    const inner = run.info?.["net-namespace"];
    const isSeparate = typeof inner === "number" && inner !== hostNetworkNamespace();
    mark(LAYER_NETWORK, isSeparate, isSeparate ? `own network namespace ${inner}` : "shares the host's network");
  } catch (error) {
    for (const name of NAMESPACE_LAYERS) mark(name, false, errorMessage(error));
  } finally {
    await probeGroup?.destroy();
  }

  const ordered = [LAYER_BWRAP, LAYER_USER, LAYER_MEMORY, LAYER_PIDS, LAYER_NETWORK].flatMap((name) => {
    const layer = layers.get(name);
    return layer ? [layer] : [];
  });
  return { layers: ordered, bwrap, setpriv, cgroupLayout };
}

let cachedEnvironment: Promise<Environment> | null = null;

function environment(): Promise<Environment> {
  cachedEnvironment ??= detectEnvironment().catch((error: unknown) => {
    cachedEnvironment = null;
    throw error;
  });
  return cachedEnvironment;
}

/** Checks every isolation layer on this machine by trying it (installing bubblewrap if needed). */
export async function probeSandbox(): Promise<{ layers: SandboxLayer[]; isComplete: boolean }> {
  cachedEnvironment = detectEnvironment();
  const { layers } = await cachedEnvironment;
  return { layers, isComplete: layers.every((layer) => layer.isAvailable) };
}

/** The cgroup layout runs use, for callers that check nothing was left behind. */
export async function sandboxCgroupLayout(): Promise<CgroupLayout | null> {
  return (await environment()).cgroupLayout;
}

const warnedWeakLayers = new Set<string>();

export async function runSandboxed(request: SandboxRequest, onLine?: LineListener): Promise<SandboxResult> {
  validateRequest(request);
  const env = await environment();
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

  const isNamespaced = env.bwrap !== null && missing.every((layer) => !NAMESPACE_LAYERS.includes(layer.name));
  const isDroppedToSandboxUser = isNamespaced && isRoot();
  if (isDroppedToSandboxUser) {
    for (const bind of request.binds.filter((candidate) => candidate.isWritable)) {
      fs.chownSync(bind.source, SANDBOX_UID, SANDBOX_GID);
    }
  }
  const binds = isDroppedToSandboxUser ? reachableBinds(request.binds) : request.binds;
  const unlimitedPlan: LaunchPlan =
    isNamespaced && env.bwrap
      ? bwrapPlan(
          env,
          env.bwrap,
          binds,
          nodeArgs(request, (sandboxPath) => sandboxPath),
        )
      : { command: nodeBinary(), args: nodeArgs(request, hostPathMapper(request.binds)), isBwrap: false };
  const plan =
    request.maxFileBytes === undefined ? unlimitedPlan : withFileSizeLimit(unlimitedPlan, request.maxFileBytes);

  const hasCgroup =
    env.cgroupLayout !== null && missing.every((layer) => layer.name !== LAYER_MEMORY && layer.name !== LAYER_PIDS);
  const cgroup =
    hasCgroup && env.cgroupLayout
      ? RunCgroup.create(env.cgroupLayout, { memoryBytes: request.memoryBytes, maxTasks: request.maxProcesses })
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
