// The CPU cap: a share of a core per run, held by the run's cgroup from outside the learner's
// process. Shown by what the kernel reports (the cap as written, the periods it held a run back),
// never by how long anything took.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, describe, test } from "node:test";
import { overrideEnvironmentForTest } from "@/lib/env";
import { RunCgroup } from "./cgroup";
import { probeSandbox, runSandboxed, sandboxCgroupLayout } from "./run-sandboxed";

const FIXTURES_DIR = path.join(__dirname, "hostile-fixtures");
const MiB = 2 ** 20;

before(async () => {
  const probe = await probeSandbox();
  assert.ok(probe.isComplete, `sandbox layers missing: ${JSON.stringify(probe.layers)}`);
  assert.ok(
    probe.layers.some((layer) => layer.name === "cgroup-cpu" && layer.isAvailable),
    "the probe reports the CPU layer",
  );
});

describe("the CPU cap", () => {
  test("a run's cgroup holds the share it was given, in the kernel's own files", async () => {
    const layout = await sandboxCgroupLayout();
    assert.ok(layout?.cpuParent);
    const group = RunCgroup.create(layout, { memoryBytes: 64 * MiB, maxTasks: 8, cpuCores: 0.25 });
    try {
      assert.ok(group.cpuDir);
      if (layout.version === 2) {
        assert.equal(fs.readFileSync(path.join(group.cpuDir, "cpu.max"), "utf8").trim(), "25000 100000");
      } else {
        assert.equal(fs.readFileSync(path.join(group.cpuDir, "cpu.cfs_quota_us"), "utf8").trim(), "25000");
        assert.equal(fs.readFileSync(path.join(group.cpuDir, "cpu.cfs_period_us"), "utf8").trim(), "100000");
      }
      assert.equal(group.cpuLimitCores(), 0.25);
    } finally {
      await group.destroy();
    }
    assert.ok(!fs.existsSync(group.cpuDir), "the run's CPU cgroup was left behind");
  });

  test("a busy loop is held back to its share: the kernel counts the periods it throttled it", async () => {
    const result = await runSandboxed({
      entry: "/code/loop-sync.js",
      binds: [{ source: FIXTURES_DIR, target: "/code" }],
      memoryBytes: 256 * MiB,
      maxProcesses: 64,
      wallSeconds: 3,
      outputLimitBytes: MiB,
      cpuCores: 0.1,
    });
    assert.equal(result.outcome, "timeout");
    assert.ok((result.cpuThrottledPeriods ?? 0) > 0, `throttled in ${result.cpuThrottledPeriods} periods`);
  });

  test("GRADER_CPU_SHARE is validated at start-up: a positive number of cores", () => {
    for (const value of ["0", "-1", "lots", "100000"]) {
      assert.throws(() => overrideEnvironmentForTest({ GRADER_CPU_SHARE: value }), /GRADER_CPU_SHARE/, value);
    }
  });

  test("a run asking for no CPU at all is refused before it starts", async () => {
    await assert.rejects(
      runSandboxed({
        entry: "/code/quick-work.js",
        binds: [{ source: FIXTURES_DIR, target: "/code" }],
        memoryBytes: 256 * MiB,
        maxProcesses: 64,
        wallSeconds: 3,
        outputLimitBytes: MiB,
        cpuCores: 0,
      }),
      /cpuCores must be a positive number/,
    );
  });
});
