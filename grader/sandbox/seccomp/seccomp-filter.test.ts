// The system-call filter, tried for real: a native probe (fixtures/syscall-probe.c, built here with
// the system compiler) makes each call the filter must refuse inside the real sandbox, once with the
// filter and once without, so what refuses a call is seen to be the filter and not the kernel.
// Learner code cannot make these calls itself (Node's permission model, no addons, no child
// processes), so the filter is tested at the runner's level, where a way around Node would land.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { bwrapPlan } from "../bwrap-arguments";
import { RunCgroup } from "../cgroup";
import { launch, type CapturedRun } from "../launch-sandbox";
import { probeSandbox, runSandboxed } from "../run-sandboxed";
import { sandboxEnvironment, type Environment } from "../sandbox-layers";
import { DENIED_SYSCALLS, deniedErrno, isUnconditionallyAllowed, renderSeccompPolicy } from "./seccomp-policy";
import { exportSeccompPolicy } from "./seccomp-filter";

const PROBE_SOURCE = path.join(__dirname, "fixtures", "syscall-probe.c");
const HOSTILE_FIXTURES = path.join(__dirname, "..", "hostile-fixtures");
const MiB = 2 ** 20;
/** Calls the probe makes that the filter must let through. */
const ALLOWED_CALLS = ["getpid", "clone:plain", "personality:query", "socket:unix", "socket:inet"];
/** 128 + SIGSYS: how bwrap reports a command the filter killed. */
const KILLED_BY_FILTER = 128 + os.constants.signals.SIGSYS;
/**
 * Calls that, without the filter, succeed or fail with another errno on any kernel this runs on:
 * each differing shows it is the filter that refuses them.
 */
const REFUSED_ONLY_BY_FILTER = [
  "clone3",
  "io_uring_setup",
  "open_tree",
  "process_vm_readv",
  "personality:linux32",
  "adjtimex",
  "ptrace",
  "clone:newuser",
];

let workspace = "";
let environment: Environment;

before(async () => {
  const probe = await probeSandbox();
  assert.ok(probe.isComplete, `sandbox layers missing: ${JSON.stringify(probe.layers)}`);
  environment = await sandboxEnvironment();
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-seccomp-test-"));
  // The sandbox user must reach the probe; the probe layer installed the compiler already.
  fs.chmodSync(workspace, 0o755);
  execFileSync("gcc", ["-O1", "-Wall", "-Werror", "-o", path.join(workspace, "syscall-probe"), PROBE_SOURCE]);
});

after(() => {
  fs.rmSync(workspace, { recursive: true, force: true });
});

async function runProbe(mode: string, isFiltered: boolean): Promise<CapturedRun> {
  const { bwrap, setpriv, cgroupLayout, seccompFile } = environment;
  assert.ok(bwrap && cgroupLayout && seccompFile);
  const plan = bwrapPlan(
    { bwrap, setpriv },
    [{ source: workspace, target: "/probe" }],
    ["/probe/syscall-probe", mode],
    isFiltered ? seccompFile : null,
  );
  const cgroup = RunCgroup.create(cgroupLayout, { memoryBytes: 64 * MiB, maxTasks: 16 });
  try {
    return await launch(plan, cgroup, { wallSeconds: 20, outputLimitBytes: MiB, stdin: "" }, undefined);
  } finally {
    await cgroup.destroy();
  }
}

function errnos(run: CapturedRun): Record<string, number> {
  assert.equal(run.exitCode, 0, `the probe failed: exit ${run.exitCode} ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, number>;
}

describe("the seccomp policy", () => {
  test("allows none of the calls the issue names, whatever their arguments", () => {
    const policy = renderSeccompPolicy();
    for (const name of DENIED_SYSCALLS) {
      assert.ok(!isUnconditionallyAllowed(name), `${name} is on the allow-list`);
      assert.doesNotMatch(policy, new RegExp(`^allow ${name}( |$)`, "m"), `${name} has an allow rule`);
    }
  });

  test("compiles to a filter that kills any other ABI: another architecture, or x32 numbers", () => {
    const pfc = exportSeccompPolicy(renderSeccompPolicy(), "pfc").toString("utf8");
    assert.match(pfc, /filter for arch x86_64/);
    assert.doesNotMatch(pfc, /filter for arch (x86|x32)\b/);
    assert.match(pfc, /invalid architecture action\n\s*action KILL_PROCESS;/);
    assert.match(pfc, /default action\n\s*action ERRNO\(1\);/);
  });
});

describe("the seccomp filter in the real sandbox", () => {
  test("each call the issue names fails with EPERM (ENOSYS for clone3 and io_uring), and ordinary calls work", async () => {
    const results = errnos(await runProbe("calls", true));
    const probedNames = new Set(Object.keys(results).map((key) => key.split(":")[0]));
    for (const name of DENIED_SYSCALLS) assert.ok(probedNames.has(name), `the probe does not try ${name}`);
    for (const [call, errno] of Object.entries(results)) {
      const name = call.split(":")[0] ?? call;
      const expected = ALLOWED_CALLS.includes(call) ? 0 : deniedErrno(name);
      assert.equal(errno, expected, `${call}: errno ${errno}, expected ${expected}`);
    }
  });

  test("without the filter the same calls succeed or fail otherwise: it is the filter that refuses them", async () => {
    const filtered = errnos(await runProbe("calls", true));
    const unfiltered = errnos(await runProbe("calls", false));
    for (const call of REFUSED_ONLY_BY_FILTER) {
      assert.notEqual(unfiltered[call], filtered[call], `${call} fails the same way without the filter`);
    }
  });

  test("a call through the 32-bit or the x32 ABI kills the process", async () => {
    // Some kernels are built without 32-bit emulation: there `int 0x80` faults (SIGSEGV) before any
    // system call exists to filter. Unfiltered, the probe tells which kind of kernel this is.
    const unfiltered = await runProbe("i386", false);
    const hasThirtyTwoBitCalls = unfiltered.exitCode === 0;
    if (hasThirtyTwoBitCalls) assert.deepEqual(errnos(unfiltered), { i386: 0 });
    else assert.equal(unfiltered.exitCode, 128 + os.constants.signals.SIGSEGV, `i386 unfiltered: ${unfiltered.stderr}`);
    for (const mode of ["i386", "x32"]) {
      const run = await runProbe(mode, true);
      // Where the kernel answers 32-bit calls the filter kills the caller; where it has none the
      // call faults, and nothing answers it either way.
      const expected = mode === "i386" && !hasThirtyTwoBitCalls ? unfiltered.exitCode : KILLED_BY_FILTER;
      assert.equal(run.exitCode, expected, `${mode}: exit ${run.exitCode} ${run.stdout} ${run.stderr}`);
      assert.equal(run.stdout, "", `${mode} got an answer`);
    }
  });

  test("ordinary Node work runs under it (node starts its own threads through the clone3-to-clone fallback)", async () => {
    const result = await runSandboxed({
      entry: "/code/quick-work.js",
      binds: [{ source: HOSTILE_FIXTURES, target: "/code" }],
      memoryBytes: 256 * MiB,
      maxProcesses: 64,
      wallSeconds: 30,
      outputLimitBytes: MiB,
    });
    assert.equal(result.outcome, "exited", result.stderr);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(result.missingLayers, []);
    assert.match(result.stdout, /"done":true/);
  });
});
