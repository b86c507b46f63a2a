// A phase over its time limit is stopped with everything it started, not just its first process.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { runInProcessGroup } from "./run-in-process-group";

// A killed process whose parent has not reaped it yet is a zombie (state Z): dead all the same.
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

test("over its time limit, the whole process group is killed", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-group-"));
  const pidFile = path.join(dir, "grandchild.pid");
  try {
    const started = Date.now();
    const run = await runInProcessGroup("sh", ["-c", `sleep 300 & echo $! > ${pidFile}; wait`], {
      cwd: dir,
      timeLimitMs: 1000,
    });
    assert.ok(run.hasTimedOut);
    assert.notEqual(run.exitCode, 0);
    assert.ok(Date.now() - started < 30_000, "stopped long after its limit");
    const grandchild = Number(fs.readFileSync(pidFile, "utf8"));
    assert.ok(grandchild > 0);
    for (let waited = 0; isRunning(grandchild) && waited < 2000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(isRunning(grandchild), false, "the process the phase started outlived it");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("within its limit, the exit code is reported as it is", async () => {
  const run = await runInProcessGroup("sh", ["-c", "exit 3"], { cwd: os.tmpdir(), timeLimitMs: 60_000 });
  assert.deepEqual(run, { exitCode: 3, signal: null, hasTimedOut: false, wasInterrupted: false });
});
