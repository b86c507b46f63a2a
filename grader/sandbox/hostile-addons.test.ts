// Native addons in the real sandbox on this machine: a reviewed addon, built here from
// hostile-fixtures/addon/probe.c, loads and runs while every other layer still holds; the same
// bytes anywhere else, and every way round the dlopen guard, are refused; a reviewed file changed
// since review stops the launch on the host; and a GPU host's device nodes reach native code only
// when the operator names them.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { overrideEnvironmentForTest } from "@/lib/env";
import { assertAllRefused, lastJson, lastJsonStrings, leftoverProcesses } from "./hostile-test-support";
import type { NativeAddon } from "./native-addons";
import { probeSandbox, runSandboxed, type SandboxBind, type SandboxRequest, type SandboxResult } from "./run-sandboxed";

const FIXTURES_DIR = path.join(__dirname, "hostile-fixtures");
const PROBE_SOURCE = path.join(FIXTURES_DIR, "addon", "probe.c");
const REPOSITORY_DIR = path.resolve(__dirname, "..", "..");
const MiB = 2 ** 20;
const CAPS = { memoryBytes: 512 * MiB, maxProcesses: 64, wallSeconds: 10, outputLimitBytes: 1 * MiB };
const REFUSAL = /^err:native addon .* is not on the grader's reviewed list$/;
/** Character devices bwrap's minimal /dev leaves out that are harmless to look at; the first one here is used. */
const DEVICE_CANDIDATES = ["/dev/kmsg", "/dev/fuse", "/dev/net/tun", "/dev/vga_arbiter"];

const SECRET = `grader-secret-${randomBytes(12).toString("hex")}`;
overrideEnvironmentForTest({ GRADIENT_SANDBOX_TEST_SECRET: SECRET, GRADER_GPU_DEVICES: undefined });
const HELD_OUT = `held-out-row-${randomBytes(12).toString("hex")}`;
const CODE_DIR = `/code-${randomBytes(6).toString("hex")}`;
/** Where the sandbox sees the unlisted copy: the same bytes as the listed addon, bound read-only. */
const UNLISTED_DIR = `/unlisted-${randomBytes(6).toString("hex")}`;

let workspace = "";
let heldOutFile = "";
let probe: NativeAddon = { path: "", sha256: "" };

function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Builds the probe addon as any operator's addon would be: a world-readable file nobody else may change. */
function buildProbe(output: string): void {
  const headers = path.join(path.dirname(fs.realpathSync(process.execPath)), "..", "include", "node");
  assert.ok(fs.existsSync(path.join(headers, "node_api.h")), `node's headers are not at ${headers}`);
  execFileSync("cc", ["-shared", "-fPIC", "-Wall", "-Werror", `-I${headers}`, "-o", output, PROBE_SOURCE]);
  fs.chmodSync(output, 0o644);
}

function outputDir(): string {
  const dir = fs.mkdtempSync(path.join(workspace, "out-"));
  fs.chmodSync(dir, 0o755);
  return dir;
}

async function run(
  fixture: string,
  options: { args?: string[]; binds?: SandboxBind[] } & Partial<Omit<SandboxRequest, "entry" | "args" | "binds">> = {},
): Promise<SandboxResult> {
  const { args, binds, ...rest } = options;
  return runSandboxed({
    ...CAPS,
    nativeAddons: [probe],
    ...rest,
    entry: `${CODE_DIR}/${fixture}`,
    args,
    binds: [{ source: FIXTURES_DIR, target: CODE_DIR }, ...(binds ?? [])],
  });
}

/** A harmless character device this machine has and bwrap's own /dev does not, as "major:minor". */
function spareDevice(): { device: string; numbers: string } {
  for (const device of DEVICE_CANDIDATES) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(device);
    } catch {
      continue;
    }
    if (!stat.isCharacterDevice()) continue;
    // Linux's encoding of a device number (glibc's major() and minor()).
    const major = ((stat.rdev >> 8) & 0xfff) | (Math.floor(stat.rdev / 2 ** 32) & ~0xfff);
    const minor = (stat.rdev & 0xff) | ((stat.rdev >> 12) & ~0xff);
    return { device, numbers: `${major}:${minor}` };
  }
  assert.fail(`none of ${DEVICE_CANDIDATES.join(", ")} is a character device on this machine`);
}

before(async () => {
  const { isComplete, layers } = await probeSandbox();
  assert.ok(isComplete, `sandbox layers missing: ${JSON.stringify(layers)}`);
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-addon-test-"));
  fs.chmodSync(workspace, 0o755);
  const reviewed = path.join(workspace, "reviewed");
  const unlisted = path.join(workspace, "unlisted");
  fs.mkdirSync(reviewed, { mode: 0o755 });
  fs.mkdirSync(unlisted, { mode: 0o755 });
  buildProbe(path.join(reviewed, "probe.node"));
  fs.copyFileSync(path.join(reviewed, "probe.node"), path.join(unlisted, "probe.node"));
  fs.chmodSync(path.join(unlisted, "probe.node"), 0o644);
  probe = { path: path.join(reviewed, "probe.node"), sha256: sha256(path.join(reviewed, "probe.node")) };
  const heldOutDir = path.join(workspace, "held-out");
  fs.mkdirSync(heldOutDir, { mode: 0o755 });
  heldOutFile = path.join(heldOutDir, "test.csv");
  fs.writeFileSync(heldOutFile, `x,y\n${HELD_OUT},1\n`, { mode: 0o644 });
});

after(() => {
  fs.rmSync(workspace, { recursive: true, force: true });
});

describe("a reviewed native addon in the sandbox", () => {
  afterEach(() => {
    assert.deepEqual(leftoverProcesses(CODE_DIR), [], "a sandboxed process outlived its run");
  });

  /** The addon-probing fixture's results, with the unlisted bytes bound and an output folder. */
  async function probeAddons(addon: NativeAddon = probe): Promise<Record<string, string>> {
    const out = outputDir();
    const result = await run("native-addon.js", {
      nativeAddons: [addon],
      args: [addon.path, `${UNLISTED_DIR}/probe.node`, "/out", "/dev/null"],
      binds: [
        { source: path.join(workspace, "unlisted"), target: UNLISTED_DIR },
        { source: out, target: "/out", isWritable: true },
      ],
    });
    assert.equal(result.outcome, "exited", result.stderr);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(result.missingLayers, []);
    assert.ok(!result.stderr.includes("SecurityWarning"), result.stderr);
    return lastJsonStrings(result);
  }

  test("the listed addon loads and answers", async () => {
    const results = await probeAddons();
    assert.equal(results["require the listed addon"], `ok:${JSON.stringify("probe addon loaded")}`);
  });

  test("an addon listed by a link loads by that path too, as a library's soname link is followed", async () => {
    const link = path.join(workspace, "reviewed", "link.node");
    fs.symlinkSync("probe.node", link);
    const results = await probeAddons({ path: link, sha256: probe.sha256 });
    assert.equal(results["require the listed addon"], `ok:${JSON.stringify("probe addon loaded")}`);
  });

  test("the same bytes anywhere else are refused: another path, a copy in the output folder or /tmp", async () => {
    const results = await probeAddons();
    for (const name of [
      "require the unlisted path",
      "process.dlopen the unlisted path",
      "require the copy in /out",
      "Module._extensions['.node'] directly",
      "Module._extensions['.js'] set to the .node loader",
      "module.createRequire",
    ]) {
      assert.match(results[name] ?? "missing", REFUSAL, name);
    }
    assert.equal(results["write a copy to /out"], "ok:undefined", "the copy should have been written, to be refused");
    // The permission model stops the copy in /tmp before the guard has to.
    assert.equal(results["write a copy to /tmp"], "err:ERR_ACCESS_DENIED");
    assert.match(results["require the copy in /tmp"] ?? "missing", /^err:/);
    assert.match(results["import() the unlisted path"] ?? "missing", /^err:ERR_UNKNOWN_FILE_EXTENSION$/);
  });

  test("tampering with the guard cannot load an unlisted addon", async () => {
    const results = await probeAddons();
    // The fixture is sloppy code, where assigning or deleting a frozen property is silently ignored.
    assert.match(results["assign process.dlopen"] ?? "missing", REFUSAL);
    assert.match(results["delete process.dlopen"] ?? "missing", REFUSAL);
    assert.match(results["redefine process.dlopen"] ?? "missing", /^err:Cannot redefine property: dlopen$/);
    assert.equal(
      results["a filename that changes between the check and the load"],
      "err:process.dlopen takes the addon's path as a string",
    );
    assert.equal(
      results["Reflect.apply replaced to catch the original dlopen"],
      "err:the guard does not call the replaced Reflect.apply",
    );
    assert.match(
      results["stack frames of a load reached for the original dlopen"] ?? "missing",
      /^err:no frame holds another dlopen/,
    );
    assert.equal(results["process.binding"], "err:ERR_ACCESS_DENIED");
    const loaded = Object.entries(results).filter(
      ([name, value]) => name !== "require the listed addon" && value.includes("probe addon loaded"),
    );
    assert.deepEqual(loaded, [], "an unlisted copy of the addon ran");
  });

  // The layers the existing hostile tests check, run again with an addon listed: turning addons on
  // must leave every one of them as it was.
  test("with an addon listed, the grader's environment is still invisible", async () => {
    const result = await run("read-environment.js");
    assert.equal(result.exitCode, 0, result.stderr);
    assert.ok(!result.stdout.includes(SECRET) && !result.stderr.includes(SECRET), "the secret leaked");
    const found = JSON.parse(result.stdout.trim().split("\n").pop() ?? "") as {
      env: Record<string, string>;
      files: Record<string, string>;
    };
    assert.deepEqual(
      Object.keys(found.env).filter((name) => name !== "PWD"),
      [],
    );
    assertAllRefused(found.files);
  });

  test("with an addon listed, files outside the binds are still unreadable", async () => {
    const result = await run("read-files.js", { args: [heldOutFile, REPOSITORY_DIR] });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.ok(!result.stdout.includes(HELD_OUT), "the held-out split leaked");
    assertAllRefused(lastJson(result));
  });

  test("with an addon listed, there is still no network", async () => {
    const result = await run("network.js");
    assert.equal(result.exitCode, 0, result.stderr);
    assertAllRefused(lastJson(result));
  });

  test("with an addon listed, no other program or thread can be started", async () => {
    const result = await run("spawn-processes.js");
    assert.equal(result.exitCode, 0, result.stderr);
    assert.ok(!result.stdout.includes("escaped"));
    const results = lastJsonStrings(result);
    assertAllRefused(results);
    assert.match(results.dlopen ?? "missing", REFUSAL, "libc itself is not on the list");
  });

  test("with an addon listed, the other doors to native code stay shut, and the run is filtered", async () => {
    const result = await run("native-routes.js");
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(result.missingLayers, []);
    assertAllRefused(lastJson(result));
  });

  test("a listed file changed since review stops the launch on the host, naming it and both hashes", async () => {
    const changed = path.join(workspace, "changed.node");
    fs.copyFileSync(probe.path, changed);
    fs.chmodSync(changed, 0o644);
    const reviewed = { path: changed, sha256: sha256(changed) };
    fs.appendFileSync(changed, "tampered");
    const actual = sha256(changed);
    const out = outputDir();
    await assert.rejects(
      run("write-files.js", {
        nativeAddons: [reviewed],
        args: ["/out", CODE_DIR],
        binds: [{ source: out, target: "/out", isWritable: true }],
      }),
      (error: Error) => {
        assert.ok(error.message.includes(changed), error.message);
        assert.ok(error.message.includes(`expected sha256 ${reviewed.sha256}`), error.message);
        assert.ok(error.message.includes(`found ${actual}`), error.message);
        return true;
      },
    );
    assert.deepEqual(fs.readdirSync(out), [], "the learner's code ran");
  });
});

describe("a GPU host's device nodes (GRADER_GPU_DEVICES)", () => {
  afterEach(() => {
    overrideEnvironmentForTest({ GRADER_GPU_DEVICES: undefined });
    assert.deepEqual(leftoverProcesses(CODE_DIR), [], "a sandboxed process outlived its run");
  });

  async function statFromNativeCode(device: string): Promise<string | undefined> {
    const out = outputDir();
    const result = await run("native-addon.js", {
      args: [probe.path, `${UNLISTED_DIR}/probe.node`, "/out", device],
      binds: [
        { source: path.join(workspace, "unlisted"), target: UNLISTED_DIR },
        { source: out, target: "/out", isWritable: true },
      ],
    });
    assert.equal(result.exitCode, 0, result.stderr);
    return lastJsonStrings(result)["statPath through the listed addon"];
  }

  test("a device bwrap's /dev leaves out is absent without the setting, and there with it", async () => {
    const { device, numbers } = spareDevice();
    assert.equal(await statFromNativeCode(device), `ok:${JSON.stringify("errno 2")}`, `${device} without the setting`);
    overrideEnvironmentForTest({ GRADER_GPU_DEVICES: device });
    assert.equal(await statFromNativeCode(device), `ok:${JSON.stringify(`char ${numbers}`)}`, `${device} with it`);
  });

  test("a setting that names no character device stops the launch", async () => {
    overrideEnvironmentForTest({ GRADER_GPU_DEVICES: "/dev/shm" });
    await assert.rejects(run("quick-work.js"), /GPU device \/dev\/shm is not a character device/);
  });
});
