// Starting a planned run and living with it until it ends: the cgroup takes the process before it
// may start, output is kept up to its cap and streamed line by line, and the wall clock kills it.
import { spawn, type StdioOptions } from "node:child_process";
import fs from "node:fs";
import { type Readable, Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type { RunCgroup } from "./cgroup";
import { BLOCK_FD, INFO_FD, type LaunchPlan } from "./bwrap-arguments";
import type { LineListener } from "./run-sandboxed";

export interface CapturedRun {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  stoppedFor: "timeout" | "output_limit" | null;
  oomKills: number;
  peakMemoryBytes: number | null;
  cpuThrottledPeriods: number | null;
  info: Record<string, unknown> | null;
}

export interface LaunchLimits {
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

export async function launch(
  plan: LaunchPlan,
  cgroup: RunCgroup | null,
  limits: LaunchLimits,
  onLine: LineListener | undefined,
): Promise<CapturedRun> {
  const extraFd = plan.isBwrap ? "pipe" : "ignore";
  // Each run opens the filter afresh: bwrap reads it to the end, and a shared offset would leave
  // the next run an empty program.
  const seccompFd = plan.seccompFile === null ? "ignore" : fs.openSync(plan.seccompFile, "r");
  const stdio: StdioOptions = ["pipe", "pipe", "pipe", extraFd, extraFd, seccompFd];
  // The empty environment is for bwrap and setpriv themselves: --clearenv only cleans the
  // sandboxed command's, and bwrap's own copy would be readable as /proc/1/environ inside.
  // (The cast only satisfies Next's augmentation of ProcessEnv, which marks NODE_ENV required.)
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(plan.command, plan.args, { env: {} as NodeJS.ProcessEnv, stdio });
  } finally {
    // The child has its own copy of the descriptor once spawn returns.
    if (typeof seccompFd === "number") fs.closeSync(seccompFd);
  }
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
    cpuThrottledPeriods: cgroup?.cpuThrottledPeriods() ?? null,
    info,
  };
}
