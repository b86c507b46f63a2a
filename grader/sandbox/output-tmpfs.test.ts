// Real tmpfs mounts on this machine (the grader mounts as root): their caps hold, they come off
// with the job folder, and the ones a dead grader left behind are cleared while a live one's stay.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { removeJobFolder } from "../pipeline/job-folder";
import { isRoot } from "./bwrap-arguments";
import { mountOutputTmpfs, outputMountsUnder, unmountOrphanOutputs, unmountOutputsUnder } from "./output-tmpfs";
import { SANDBOX_USER } from "./reachable-binds";

const CAPACITY = { bytes: 64 * 2 ** 10, files: 8 };

let jobsRoot = "";

/** A pid no process has: one that has just exited. */
function deadPid(): number {
  const child = spawnSync("true");
  assert.ok(child.pid);
  return child.pid;
}

function jobFolder(ownerPid: number, name: string): string {
  const output = path.join(jobsRoot, `job-${ownerPid}-${name}`, "output");
  fs.mkdirSync(output, { recursive: true });
  return path.dirname(output);
}

function errorCode(write: () => void): string | undefined {
  try {
    write();
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
}

describe("a run's output folder as a tmpfs", () => {
  before(() => {
    assert.ok(isRoot(), "mounting needs root, as the grader has");
    // A space in the path: mountinfo escapes it, and the reading must undo that.
    jobsRoot = fs.mkdtempSync(path.join(os.tmpdir(), "gradient output-tmpfs-"));
  });

  after(() => {
    unmountOutputsUnder(jobsRoot);
    fs.rmSync(jobsRoot, { recursive: true, force: true });
  });

  test("holds its bytes and files and no more, is the sandbox user's, and comes off with the job folder", () => {
    const folder = jobFolder(process.pid, "caps");
    const output = path.join(folder, "output");
    mountOutputTmpfs(output, CAPACITY, SANDBOX_USER);
    assert.deepEqual(outputMountsUnder(jobsRoot), [output]);
    const stat = fs.statSync(output);
    assert.deepEqual([stat.uid, stat.gid, stat.mode & 0o777], [SANDBOX_USER.uid, SANDBOX_USER.gid, 0o755]);

    assert.equal(
      errorCode(() => fs.writeFileSync(path.join(output, "big"), Buffer.alloc(CAPACITY.bytes * 2))),
      "ENOSPC",
    );
    fs.rmSync(path.join(output, "big"));
    let made = 0;
    const code = errorCode(() => {
      for (; made < 100; made++) fs.writeFileSync(path.join(output, `empty-${made}`), "");
    });
    assert.equal(code, "ENOSPC");
    assert.equal(made, CAPACITY.files - 1, "the folder itself takes one of the files");

    removeJobFolder(folder);
    assert.deepEqual(outputMountsUnder(jobsRoot), []);
    assert.ok(!fs.existsSync(folder));
  });

  test("a mount in use comes off lazily, and one mounted twice comes off whole", () => {
    const folder = jobFolder(process.pid, "busy");
    const output = path.join(folder, "output");
    mountOutputTmpfs(output, CAPACITY, SANDBOX_USER);
    mountOutputTmpfs(output, CAPACITY, SANDBOX_USER);
    const held = fs.openSync(path.join(output, "held"), "w");
    try {
      removeJobFolder(folder);
    } finally {
      fs.closeSync(held);
    }
    assert.deepEqual(outputMountsUnder(jobsRoot), []);
    assert.ok(!fs.existsSync(folder));
  });

  test("leftovers: a dead grader's mounts are cleared, a live grader's are kept", () => {
    const dead = path.join(jobFolder(deadPid(), "dead"), "output");
    const live = path.join(jobFolder(process.pid, "live"), "output");
    const unnamed = path.join(jobsRoot, "not-a-job-folder");
    fs.mkdirSync(unnamed);
    for (const output of [dead, live, unnamed]) mountOutputTmpfs(output, CAPACITY, SANDBOX_USER);

    unmountOrphanOutputs(jobsRoot);
    assert.deepEqual(outputMountsUnder(jobsRoot), [live]);

    removeJobFolder(path.dirname(live));
    assert.deepEqual(outputMountsUnder(jobsRoot), []);
  });

  test("another tmpfs is none of ours: it is neither listed nor unmounted", () => {
    const other = path.join(jobFolder(deadPid(), "other"), "output");
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", other]);
    assert.equal(mounted.status, 0, String(mounted.stderr));
    try {
      assert.deepEqual(outputMountsUnder(jobsRoot), []);
      unmountOrphanOutputs(jobsRoot);
      const escaped = other.replaceAll(" ", "\\040");
      const mountPoints = fs
        .readFileSync("/proc/self/mountinfo", "utf8")
        .split("\n")
        .map((line) => line.split(" ")[4]);
      assert.ok(mountPoints.includes(escaped), "another tmpfs was unmounted");
    } finally {
      spawnSync("umount", [other]);
    }
  });
});
