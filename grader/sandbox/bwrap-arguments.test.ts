// The command line of a run with and without reviewed native addons: node's addon flags and the
// dlopen guard, and bubblewrap's binds for the reviewed files and a GPU host's device nodes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bwrapPlan, nodeArgs } from "./bwrap-arguments";
import type { SandboxRequest } from "./run-sandboxed";

const REQUEST: SandboxRequest = {
  entry: "/code/main.js",
  args: ["/out"],
  binds: [
    { source: "/host/code", target: "/code" },
    { source: "/host/out", target: "/out", isWritable: true },
  ],
  memoryBytes: 512 * 2 ** 20,
  maxProcesses: 64,
  wallSeconds: 10,
  outputLimitBytes: 2 ** 20,
};
const HASH = "a".repeat(64);
const BINDING = { path: "/opt/tfjs/tfjs_binding.node", sha256: HASH };
const LIBRARY = { path: "/opt/tfjs/libtensorflow.so.2", sha256: HASH };
const identity = (sandboxPath: string): string => sandboxPath;

/** The source of every `--import=data:` module on the command line. */
function importedSources(args: string[]): string[] {
  return args
    .filter((arg) => arg.startsWith("--import=data:text/javascript;base64,"))
    .map((arg) => Buffer.from(arg.slice(arg.indexOf(",") + 1), "base64").toString("utf8"));
}

describe("nodeArgs", () => {
  test("no addons listed: --no-addons and no guard, exactly as without the field", () => {
    const without = nodeArgs(REQUEST, identity);
    assert.deepEqual(nodeArgs({ ...REQUEST, nativeAddons: [] }, identity), without);
    assert.ok(without.includes("--no-addons"));
    assert.ok(!without.includes("--allow-addons"));
    assert.equal(importedSources(without).length, 1, "only the blocking-stdio module");
    assert.ok(!importedSources(without).some((source) => source.includes("dlopen")));
  });

  test("addons listed: --allow-addons, a guard for the .node files only, read access to each file", () => {
    const args = nodeArgs({ ...REQUEST, nativeAddons: [BINDING, LIBRARY] }, identity);
    assert.ok(!args.includes("--no-addons"));
    assert.ok(args.includes("--allow-addons"));
    assert.ok(args.includes(`--allow-fs-read=${BINDING.path}`));
    assert.ok(args.includes(`--allow-fs-read=${LIBRARY.path}`));
    const guards = importedSources(args).filter((source) => source.includes("process.dlopen"));
    assert.equal(guards.length, 1);
    assert.ok(guards[0]?.includes(JSON.stringify([BINDING.path])), guards[0]);
    assert.ok(!guards[0]?.includes(LIBRARY.path), "a library is never dlopen'ed from JavaScript");
    // The guard comes before every other module, and node's flags before the entry.
    const guardAt = args.findIndex((arg) => importedSources([arg]).some((source) => source.includes("dlopen")));
    const firstImport = args.findIndex((arg) => arg.startsWith("--import="));
    assert.equal(guardAt, firstImport);
    assert.ok(guardAt < args.indexOf("/code/main.js"));
  });
});

describe("bwrapPlan", () => {
  const tools = { bwrap: "/usr/bin/bwrap", setpriv: "/usr/bin/setpriv" };
  const command = ["/usr/bin/node", "/code/main.js"];

  /** bwrap's own arguments, wherever setpriv puts them. */
  function bwrapArgs(plan: { args: string[] }): string[] {
    const at = plan.args.indexOf(tools.bwrap);
    return at === -1 ? plan.args : plan.args.slice(at + 1);
  }

  /** Each `flag source target` triple in the arguments, before the command. */
  function mounts(args: string[], flag: string): Array<[string, string]> {
    const found: Array<[string, string]> = [];
    for (let at = args.indexOf(flag); at !== -1 && at < args.indexOf("--"); at = args.indexOf(flag, at + 1))
      found.push([args[at + 1] ?? "", args[at + 2] ?? ""]);
    return found;
  }

  test("no native mounts: no extra binds and no devices", () => {
    const args = bwrapArgs(bwrapPlan(tools, REQUEST.binds, command, null));
    assert.deepEqual(mounts(args, "--dev-bind"), []);
    assert.deepEqual(
      mounts(args, "--ro-bind").filter(([, target]) => target.startsWith("/opt/")),
      [],
    );
  });

  test("reviewed files bound read-only at their own path after the other binds, devices as devices", () => {
    const args = bwrapArgs(
      bwrapPlan(tools, REQUEST.binds, command, null, {
        files: [
          { source: "/staged/copy", target: BINDING.path },
          { source: "/usr/lib/libtensorflow.so.2", target: "/usr/lib/libtensorflow.so.2" },
        ],
        devices: ["/dev/nvidia0", "/dev/nvidiactl"],
      }),
    );
    assert.deepEqual(
      mounts(args, "--ro-bind").filter(([, target]) => target === BINDING.path),
      [["/staged/copy", BINDING.path]],
    );
    assert.ok(!args.includes("/usr/lib/libtensorflow.so.2"), "a file under /usr is there with /usr already");
    assert.ok(args.lastIndexOf(BINDING.path) > args.lastIndexOf("/out"), "bound after the writable binds");
    assert.ok(args.indexOf(BINDING.path) > args.indexOf("/tmp"), "bound after /tmp's tmpfs");
    assert.deepEqual(mounts(args, "--dev-bind"), [
      ["/dev/nvidia0", "/dev/nvidia0"],
      ["/dev/nvidiactl", "/dev/nvidiactl"],
    ]);
    assert.ok(args.indexOf("--dev-bind") > args.indexOf("--dev"), "after bwrap's own /dev, which would cover them");
  });
});
