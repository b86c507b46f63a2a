// Runs one command of a test phase in a process group of its own, under a time limit. The group
// is what makes the limit enforceable: a phase's processes (the web app, the worker, a test's own
// Postgres) die with it, instead of outliving a phase that was given up on.
import { spawn } from "node:child_process";
import { childEnvironment } from "../../lib/env";

export interface GroupRun {
  /** The exit code, or null when the process was ended by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  hasTimedOut: boolean;
  wasInterrupted: boolean;
}

// How long a group told to stop (SIGTERM) may take before it is killed outright.
const STOP_GRACE_MS = 10_000;

const runningGroups = new Set<number>();
let isInterrupted = false;

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    // The whole group has exited already.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

function stopGroup(pgid: number): void {
  signalGroup(pgid, "SIGTERM");
  setTimeout(() => signalGroup(pgid, "SIGKILL"), STOP_GRACE_MS).unref();
}

/** Stops every running group (the run was interrupted); later calls to runInProcessGroup start nothing. */
export function interruptAll(): void {
  isInterrupted = true;
  for (const pgid of runningGroups) stopGroup(pgid);
}

export function wasRunInterrupted(): boolean {
  return isInterrupted;
}

/** Runs `command` with its output on ours; after `timeLimitMs` its whole process group is stopped. */
export function runInProcessGroup(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeLimitMs: number },
): Promise<GroupRun> {
  if (isInterrupted) return Promise.resolve({ exitCode: null, signal: null, hasTimedOut: false, wasInterrupted: true });
  return new Promise((resolve, reject) => {
    // detached: the child leads a new process group (and session), so the group can be signalled as one.
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? childEnvironment({}),
      stdio: "inherit",
      detached: true,
    });
    let hasTimedOut = false;
    const pgid = child.pid;
    if (pgid === undefined) {
      child.once("error", reject);
      return;
    }
    runningGroups.add(pgid);
    const timer = setTimeout(() => {
      hasTimedOut = true;
      stopGroup(pgid);
    }, options.timeLimitMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      runningGroups.delete(pgid);
      reject(error);
    });
    child.once("exit", (exitCode, signal) => {
      clearTimeout(timer);
      // The leader's exit does not end the rest of its group (a web app it started, say).
      signalGroup(pgid, "SIGKILL");
      runningGroups.delete(pgid);
      resolve({ exitCode, signal, hasTimedOut, wasInterrupted: isInterrupted });
    });
  });
}
