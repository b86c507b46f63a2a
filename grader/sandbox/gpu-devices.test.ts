// GRADER_GPU_DEVICES: only normalised paths under /dev are a valid setting, and only character
// devices there pass the check each run makes.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { env, overrideEnvironmentForTest } from "@/lib/env";
import { checkedGpuDevices } from "./gpu-devices";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-gpu-devices-"));
after(() => {
  overrideEnvironmentForTest({ GRADER_GPU_DEVICES: undefined });
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("GRADER_GPU_DEVICES", () => {
  test("is a comma-separated list, empty when unset", () => {
    overrideEnvironmentForTest({ GRADER_GPU_DEVICES: undefined });
    assert.deepEqual(env.GRADER_GPU_DEVICES, []);
    overrideEnvironmentForTest({ GRADER_GPU_DEVICES: " /dev/nvidia0, /dev/nvidiactl ,/dev/nvidia-uvm," });
    assert.deepEqual(env.GRADER_GPU_DEVICES, ["/dev/nvidia0", "/dev/nvidiactl", "/dev/nvidia-uvm"]);
  });

  for (const value of ["nvidia0", "/etc/shadow", "/dev/../etc/shadow", "/dev//nvidia0", "/dev/"]) {
    test(`refuses ${value} at start-up`, () => {
      assert.throws(() => overrideEnvironmentForTest({ GRADER_GPU_DEVICES: value }), /GRADER_GPU_DEVICES/);
    });
  }
});

describe("checkedGpuDevices", () => {
  test("a character device passes", () => {
    assert.deepEqual(checkedGpuDevices(["/dev/null"]), ["/dev/null"]);
  });

  test("a folder, a link, a regular file or a missing node is refused, naming it", () => {
    assert.throws(() => checkedGpuDevices(["/dev/shm"]), /GPU device \/dev\/shm is not a character device/);
    // /dev/stdin is a link (to /proc/self/fd/0), which could point anywhere.
    assert.throws(() => checkedGpuDevices(["/dev/stdin"]), /GPU device \/dev\/stdin is not a character device/);
    assert.throws(() => checkedGpuDevices(["/dev/no-such-gpu"]), /GPU device \/dev\/no-such-gpu does not exist/);
    const file = path.join(scratch, "fake-gpu");
    fs.writeFileSync(file, "");
    assert.throws(() => checkedGpuDevices([file]), /is not a normalised path under \/dev\//);
  });
});
