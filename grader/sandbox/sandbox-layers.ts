// Which isolation layers work on this machine, found by trying each: a trial cgroup with every cap
// written, and a trial sandbox that reports who it runs as, which network it sees and whether the
// system-call filter holds it.
import fs from "node:fs";
import path from "node:path";
import { errorMessage } from "../../lib/errors";
import { ensureDebianPackages } from "../../lib/system/debian-packages";
import { bwrapPlan, isRoot, nodeBinary, permissionFlag } from "./bwrap-arguments";
import { detectCgroupLayout, RunCgroup, type CgroupLayout } from "./cgroup";
import { launch, type CapturedRun } from "./launch-sandbox";
import { unmountOrphanOutputs } from "./output-tmpfs";
import { sandboxJobsFolder } from "./reachable-binds";
import type { SandboxLayer } from "./run-sandboxed";
import { seccompFilterFile } from "./seccomp/seccomp-filter";

export const LAYER_BWRAP = "bwrap";
export const LAYER_USER = "unprivileged-user";
export const LAYER_MEMORY = "cgroup-memory";
export const LAYER_PIDS = "cgroup-pids";
export const LAYER_CPU = "cgroup-cpu";
export const LAYER_NETWORK = "network-namespace";
export const LAYER_SECCOMP = "seccomp";
/** Layers that only exist inside bwrap: without it, none of them does. */
export const NAMESPACE_LAYERS = [LAYER_BWRAP, LAYER_USER, LAYER_NETWORK, LAYER_SECCOMP];
/** Layers without which a run gets no cgroup at all. */
export const CGROUP_LAYERS = [LAYER_MEMORY, LAYER_PIDS];
const LAYER_ORDER = [LAYER_BWRAP, LAYER_USER, LAYER_MEMORY, LAYER_PIDS, LAYER_CPU, LAYER_NETWORK, LAYER_SECCOMP];

const TOOL_DIRS = ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"];
/** The kernel's word on the filter: mode 2 is a seccomp filter, and every layer of it is counted. */
const STATUS_FILE = "/proc/self/status";
const PROBE_SCRIPT =
  "const status = require('node:fs').readFileSync('/proc/self/status', 'utf8');" +
  "const field = (name) => (new RegExp('^' + name + ':\\\\s*(\\\\d+)', 'm').exec(status) || [])[1];" +
  "process.stdout.write(JSON.stringify({ uid: process.getuid(), seccomp: Number(field('Seccomp')), " +
  "filters: Number(field('Seccomp_filters')) }))";
const SECCOMP_MODE_FILTER = 2;

export interface Environment {
  layers: SandboxLayer[];
  bwrap: string | null;
  setpriv: string | null;
  cgroupLayout: CgroupLayout | null;
  /** The compiled system-call filter, when the seccomp layer works. */
  seccompFile: string | null;
}

export function findTool(name: string): string | null {
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

function installBwrap(): string | null {
  const existing = findTool("bwrap");
  if (existing) return existing;
  ensureDebianPackages(["bubblewrap"], "the grader sandbox");
  return findTool("bwrap");
}

function hostNetworkNamespace(): number | null {
  const match = /\[(\d+)\]/.exec(fs.readlinkSync("/proc/self/ns/net"));
  return match?.[1] === undefined ? null : Number(match[1]);
}

interface ProbeReport {
  uid: number;
  /** The seccomp mode the sandboxed process runs in. */
  seccomp: number;
  /** How many filters hold it (NaN on kernels before 5.9, which do not say). */
  filters: number;
}

/**
 * Whether the sandboxed process runs under a filter the host itself does not: the host may run
 * under filters of its own (a container's), which the sandbox inherits.
 */
function isFilteredBeyondHost(report: ProbeReport): boolean {
  if (report.seccomp !== SECCOMP_MODE_FILTER) return false;
  const status = fs.readFileSync(STATUS_FILE, "utf8");
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s*(\\d+)`, "m").exec(status)?.[1]);
  if (Number.isNaN(report.filters)) return field("Seccomp") !== SECCOMP_MODE_FILTER;
  return report.filters > (field("Seccomp_filters") || 0);
}

/** A trial sandbox running the probe script, with the filter when one is given. */
async function trialRun(
  tools: { bwrap: string; setpriv: string | null },
  seccompFile: string | null,
  group: RunCgroup | null,
): Promise<CapturedRun> {
  const command = [
    nodeBinary(),
    permissionFlag(),
    `--allow-fs-read=${STATUS_FILE}`,
    "--disable-warning=ExperimentalWarning",
    "-e",
    PROBE_SCRIPT,
  ];
  return launch(
    bwrapPlan(tools, [], command, seccompFile),
    group,
    { wallSeconds: 10, outputLimitBytes: 64 * 1024, stdin: "" },
    undefined,
  );
}

async function detectEnvironment(): Promise<Environment> {
  const layers = new Map<string, SandboxLayer>();
  const mark = (name: string, isAvailable: boolean, detail: string): void => {
    layers.set(name, { name, isAvailable, detail });
  };

  // Only root mounts, so only root has dead graders' output mounts to clear.
  if (isRoot()) unmountOrphanOutputs(sandboxJobsFolder());
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
  mark(LAYER_CPU, ...(await probeCpu(cgroupLayout)));

  let seccompFile: string | null = null;
  let seccompProblem: string | null = null;
  try {
    seccompFile = seccompFilterFile();
  } catch (error) {
    seccompProblem = errorMessage(error);
  }

  const setpriv = findTool("setpriv");
  let bwrap: string | null = null;
  try {
    bwrap = installBwrap();
    if (!bwrap) throw new Error("bwrap is not on this machine");
    if (isRoot() && !setpriv) throw new Error("setpriv is missing, so the sandbox would run as root");
    let run = await trialRun({ bwrap, setpriv }, seccompFile, probeGroup);
    if (run.exitCode !== 0 && seccompFile !== null) {
      // Tried again without the filter, so that a filter this machine cannot take is reported as
      // the one missing layer rather than taking bwrap and the namespaces down with it.
      seccompProblem = `a trial sandbox under the filter failed (exit ${run.exitCode}): ${run.stderr.trim()}`;
      seccompFile = null;
      run = await trialRun({ bwrap, setpriv }, null, probeGroup);
    }
    if (run.exitCode !== 0) throw new Error(`a trial sandbox failed (exit ${run.exitCode}): ${run.stderr.trim()}`);
    mark(LAYER_BWRAP, true, `${bwrap}, all namespaces unshared`);
    const report = JSON.parse(run.stdout) as ProbeReport;
    mark(
      LAYER_USER,
      report.uid !== 0,
      report.uid !== 0 ? `sandboxed code runs as uid ${report.uid}` : "sandboxed code runs as root",
    );
    const inner = run.info?.["net-namespace"];
    const isSeparate = typeof inner === "number" && inner !== hostNetworkNamespace();
    mark(LAYER_NETWORK, isSeparate, isSeparate ? `own network namespace ${inner}` : "shares the host's network");
    const isFiltered = seccompFile !== null && isFilteredBeyondHost(report);
    mark(
      LAYER_SECCOMP,
      isFiltered,
      isFiltered
        ? `system-call filter ${seccompFile} loaded`
        : (seccompProblem ?? `the trial sandbox ran without the filter (seccomp mode ${report.seccomp})`),
    );
  } catch (error) {
    for (const name of NAMESPACE_LAYERS) mark(name, false, errorMessage(error));
  } finally {
    await probeGroup?.destroy();
  }

  const ordered = LAYER_ORDER.flatMap((name) => {
    const layer = layers.get(name);
    return layer ? [layer] : [];
  });
  const hasSeccomp = layers.get(LAYER_SECCOMP)?.isAvailable === true;
  return { layers: ordered, bwrap, setpriv, cgroupLayout, seccompFile: hasSeccomp ? seccompFile : null };
}

/** Writes a CPU cap into a trial group and reads it back, as the kernel holds it. */
async function probeCpu(layout: CgroupLayout | null): Promise<[boolean, string]> {
  if (layout === null) return [false, "no usable cgroup hierarchy"];
  if (layout.cpuParent === null) return [false, "this machine's cgroups offer no cpu controller"];
  let group: RunCgroup | null = null;
  try {
    group = RunCgroup.create(layout, { memoryBytes: 256 * 2 ** 20, maxTasks: 64, cpuCores: 0.5 });
    const cores = group.cpuLimitCores();
    if (cores !== 0.5) return [false, `a CPU cap of 0.5 cores was written, the kernel holds ${cores}`];
    return [true, `cgroup v${layout.version} under ${layout.cpuParent}`];
  } catch (error) {
    return [false, errorMessage(error)];
  } finally {
    await group?.destroy();
  }
}

let cachedEnvironment: Promise<Environment> | null = null;

/** This machine's layers, found once per process (a failed probe is tried again next time). */
export function sandboxEnvironment(): Promise<Environment> {
  cachedEnvironment ??= detectEnvironment().catch((error: unknown) => {
    cachedEnvironment = null;
    throw error;
  });
  return cachedEnvironment;
}

/** Probes again, for a caller that wants today's answer rather than the one found at start-up. */
export function reprobeSandboxEnvironment(): Promise<Environment> {
  cachedEnvironment = detectEnvironment();
  return cachedEnvironment;
}
