// One cgroup per sandboxed run: it caps memory, the number of tasks and the share of the CPU, tells
// an OOM kill apart from other deaths, and is the one handle that reaches every process the
// learner's code started, even ones that forked away from their parent.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const GROUP_DIR_NAME = "gradient-sandbox";

export type CgroupVersion = 1 | 2;

export interface CgroupLayout {
  version: CgroupVersion;
  /** Parent directories of the per-run cgroups; v1 has one per controller, v2 a single one. */
  memoryParent: string;
  pidsParent: string;
  /** Where the cpu controller is, or null when this machine offers none we may use. */
  cpuParent: string | null;
}

export interface CgroupLimits {
  memoryBytes: number;
  maxTasks: number;
  /** Cores' worth of CPU time the group may use (0.5 is half of one core); none when absent. */
  cpuCores?: number;
}

/** The scheduler's accounting period for the CPU cap; the quota is a share of it. */
const CPU_PERIOD_MICROS = 100_000;
/** The kernel refuses a quota under a millisecond. */
const CPU_MIN_QUOTA_MICROS = 1_000;

interface Mount {
  mountPoint: string;
  fsType: string;
  options: string[];
}

function readMounts(): Mount[] {
  return fs
    .readFileSync("/proc/self/mounts", "utf8")
    .split("\n")
    .flatMap((line) => {
      const [, mountPoint, fsType, options] = line.split(" ");
      if (mountPoint === undefined || fsType === undefined || options === undefined) return [];
      return [{ mountPoint, fsType, options: options.split(",") }];
    });
}

/** This process's own cgroup path per hierarchy ("memory", "pids", or "" for the v2 one). */
function ownCgroupPaths(): Map<string, string> {
  const paths = new Map<string, string>();
  for (const line of fs.readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!match || match[1] === undefined || match[2] === undefined) continue;
    for (const controller of match[1].split(",")) paths.set(controller, match[2]);
  }
  return paths;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/**
 * Nests under this process's own cgroup where the hierarchy allows it, so the sandbox stays inside
 * whatever limits the grader itself runs under; otherwise falls back to the hierarchy's root.
 */
function nestedParent(mountPoint: string, ownPath: string | undefined): string {
  const own = path.join(mountPoint, ownPath ?? "/");
  return path.join(fs.existsSync(own) ? own : mountPoint, GROUP_DIR_NAME);
}

function enableV2Controllers(dir: string, controllers: string): boolean {
  try {
    fs.writeFileSync(path.join(dir, "cgroup.subtree_control"), controllers);
    return true;
  } catch {
    return false;
  }
}

function detectV2(mounts: Mount[], own: Map<string, string>): CgroupLayout | null {
  for (const mount of mounts.filter((candidate) => candidate.fsType === "cgroup2")) {
    const controllers = (readText(path.join(mount.mountPoint, "cgroup.controllers")) ?? "").split(/\s+/);
    if (!controllers.includes("memory") || !controllers.includes("pids")) continue;
    // v2 forbids controllers on a cgroup that holds processes, and the grader's own cgroup does:
    // only an empty cgroup of our own (or the root, which is exempt) can parent the runs.
    const ownDir = path.join(mount.mountPoint, own.get("") ?? "/");
    for (const base of [ownDir, mount.mountPoint]) {
      const parent = path.join(base, GROUP_DIR_NAME);
      try {
        if (!enableV2Controllers(base, "+memory +pids")) continue;
        fs.mkdirSync(parent, { recursive: true });
        if (!enableV2Controllers(parent, "+memory +pids")) continue;
        // The CPU cap is a layer of its own: without it runs still have memory and task caps.
        const hasCpu =
          controllers.includes("cpu") && enableV2Controllers(base, "+cpu") && enableV2Controllers(parent, "+cpu");
        return { version: 2, memoryParent: parent, pidsParent: parent, cpuParent: hasCpu ? parent : null };
      } catch {
        continue;
      }
    }
  }
  return null;
}

function detectV1(mounts: Mount[], own: Map<string, string>): CgroupLayout | null {
  const memoryMount = mounts.find((m) => m.fsType === "cgroup" && m.options.includes("memory"));
  const pidsMount = mounts.find((m) => m.fsType === "cgroup" && m.options.includes("pids"));
  if (!memoryMount || !pidsMount) return null;
  const memoryParent = nestedParent(memoryMount.mountPoint, own.get("memory"));
  const pidsParent = nestedParent(pidsMount.mountPoint, own.get("pids"));
  fs.mkdirSync(memoryParent, { recursive: true });
  fs.mkdirSync(pidsParent, { recursive: true });
  return { version: 1, memoryParent, pidsParent, cpuParent: detectV1Cpu(mounts, own) };
}

function detectV1Cpu(mounts: Mount[], own: Map<string, string>): string | null {
  const cpuMount = mounts.find((m) => m.fsType === "cgroup" && m.options.includes("cpu"));
  if (!cpuMount) return null;
  const cpuParent = nestedParent(cpuMount.mountPoint, own.get("cpu"));
  try {
    fs.mkdirSync(cpuParent, { recursive: true });
    return cpuParent;
  } catch {
    return null;
  }
}

/** Throws with the reason when this machine offers no usable memory+pids cgroup. */
export function detectCgroupLayout(): CgroupLayout {
  const mounts = readMounts();
  const own = ownCgroupPaths();
  const layout = detectV2(mounts, own) ?? detectV1(mounts, own);
  if (!layout) throw new Error("no writable cgroup hierarchy with the memory and pids controllers");
  return layout;
}

/** Per-run cgroups that still exist; empty once every run has been cleaned up. */
export function listRunCgroups(layout: CgroupLayout): string[] {
  const parents = [...new Set([layout.memoryParent, layout.pidsParent, layout.cpuParent ?? layout.memoryParent])];
  return parents.flatMap((parent) =>
    fs
      .readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name.startsWith("run-"))
      .map((entry) => path.join(parent, entry.name)),
  );
}

function readCounter(file: string, key: string): number | null {
  const text = readText(file);
  if (text === null) return null;
  const match = new RegExp(`^${key} (\\d+)$`, "m").exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

function writeIfPresent(file: string, value: string): void {
  if (fs.existsSync(file)) fs.writeFileSync(file, value);
}

/** Whether a process with this pid exists (EPERM: it does, as another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class RunCgroup {
  private constructor(
    private readonly layout: CgroupLayout,
    readonly memoryDir: string,
    readonly pidsDir: string,
    readonly cpuDir: string | null,
  ) {}

  static create(layout: CgroupLayout, limits: CgroupLimits): RunCgroup {
    const name = `run-${process.pid}-${randomBytes(8).toString("hex")}`;
    const group = RunCgroup.named(layout, name);
    try {
      for (const dir of group.paths) fs.mkdirSync(dir);
      const bytes = String(Math.floor(limits.memoryBytes));
      if (layout.version === 2) {
        fs.writeFileSync(path.join(group.memoryDir, "memory.max"), bytes);
        // Swap would let a memory bomb outlive the cap, slowly.
        writeIfPresent(path.join(group.memoryDir, "memory.swap.max"), "0");
        writeIfPresent(path.join(group.memoryDir, "memory.oom.group"), "1");
      } else {
        fs.writeFileSync(path.join(group.memoryDir, "memory.limit_in_bytes"), bytes);
        writeIfPresent(path.join(group.memoryDir, "memory.memsw.limit_in_bytes"), bytes);
      }
      fs.writeFileSync(path.join(group.pidsDir, "pids.max"), String(Math.floor(limits.maxTasks)));
      if (limits.cpuCores !== undefined) group.limitCpu(limits.cpuCores);
      return group;
    } catch (error) {
      group.removeDirs();
      throw error;
    }
  }

  private static named(layout: CgroupLayout, name: string): RunCgroup {
    return new RunCgroup(
      layout,
      path.join(layout.memoryParent, name),
      path.join(layout.pidsParent, name),
      layout.cpuParent === null ? null : path.join(layout.cpuParent, name),
    );
  }

  /** Caps the group at `cores` cores' worth of CPU time per period, however many tasks it runs. */
  private limitCpu(cores: number): void {
    if (this.cpuDir === null) throw new Error("this machine's cgroups offer no cpu controller");
    if (!Number.isFinite(cores) || cores <= 0) throw new Error(`cpuCores must be a positive number, got ${cores}`);
    const quota = String(Math.max(CPU_MIN_QUOTA_MICROS, Math.round(cores * CPU_PERIOD_MICROS)));
    if (this.layout.version === 2) {
      fs.writeFileSync(path.join(this.cpuDir, "cpu.max"), `${quota} ${CPU_PERIOD_MICROS}`);
    } else {
      fs.writeFileSync(path.join(this.cpuDir, "cpu.cfs_period_us"), String(CPU_PERIOD_MICROS));
      fs.writeFileSync(path.join(this.cpuDir, "cpu.cfs_quota_us"), quota);
    }
  }

  /** The CPU cap as written, in cores (null without one), read back from the kernel's files. */
  cpuLimitCores(): number | null {
    if (this.cpuDir === null) return null;
    const [quota, period] =
      this.layout.version === 2
        ? (readText(path.join(this.cpuDir, "cpu.max")) ?? "").trim().split(/\s+/)
        : [readText(path.join(this.cpuDir, "cpu.cfs_quota_us")), readText(path.join(this.cpuDir, "cpu.cfs_period_us"))];
    const quotaMicros = Number(quota?.trim());
    const periodMicros = Number(period?.trim());
    if (!Number.isFinite(quotaMicros) || quotaMicros <= 0 || !(periodMicros > 0)) return null;
    return quotaMicros / periodMicros;
  }

  /** Periods in which the group used up its CPU quota and was held back (null without a cpu group). */
  cpuThrottledPeriods(): number | null {
    return this.cpuDir === null ? null : readCounter(path.join(this.cpuDir, "cpu.stat"), "nr_throttled");
  }

  /**
   * Kills and removes the groups of graders that died mid-run (their name carries their pid), so
   * a crash leaves neither processes nor cgroups behind for long.
   */
  static async removeOrphans(layout: CgroupLayout): Promise<void> {
    const names = new Set(listRunCgroups(layout).map((dir) => path.basename(dir)));
    for (const name of names) {
      const owner = Number(/^run-(\d+)-/.exec(name)?.[1]);
      if (Number.isInteger(owner) && isAlive(owner)) continue;
      await RunCgroup.named(layout, name).destroy();
    }
  }

  get paths(): string[] {
    return [...new Set([this.memoryDir, this.pidsDir, ...(this.cpuDir === null ? [] : [this.cpuDir])])];
  }

  addProcess(pid: number): void {
    for (const dir of this.paths) fs.writeFileSync(path.join(dir, "cgroup.procs"), String(pid));
  }

  private pids(): number[] {
    return this.paths.flatMap((dir) =>
      (readText(path.join(dir, "cgroup.procs")) ?? "")
        .split("\n")
        .filter((line) => line !== "")
        .map(Number),
    );
  }

  oomKillCount(): number {
    const file =
      this.layout.version === 2
        ? path.join(this.memoryDir, "memory.events")
        : path.join(this.memoryDir, "memory.oom_control");
    return readCounter(file, "oom_kill") ?? 0;
  }

  peakMemoryBytes(): number | null {
    const file = this.layout.version === 2 ? "memory.peak" : "memory.max_usage_in_bytes";
    const text = readText(path.join(this.memoryDir, file));
    return text === null ? null : Number(text.trim());
  }

  /**
   * Kills every task in the group and waits until it is empty. Repeats because, on v1, a task can
   * fork between reading the list and the kill; the pids cap bounds how often that can happen.
   */
  async killAll(timeoutMs = 5000): Promise<void> {
    if (this.layout.version === 2) writeIfPresent(path.join(this.memoryDir, "cgroup.kill"), "1");
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pids = this.pids();
      if (pids.length === 0) return;
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      if (Date.now() > deadline) throw new Error(`cgroup ${this.memoryDir} still has tasks ${pids.join(",")}`);
      await sleep(10);
    }
  }

  private removeDirs(): void {
    for (const dir of this.paths) {
      try {
        fs.rmdirSync(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  }

  /** Kills whatever is left, then deletes the group. Dying tasks keep it busy for a moment. */
  async destroy(): Promise<void> {
    await this.killAll();
    for (let attempt = 0; ; attempt += 1) {
      try {
        this.removeDirs();
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EBUSY" || attempt >= 100) throw error;
        await sleep(20);
      }
    }
  }
}
