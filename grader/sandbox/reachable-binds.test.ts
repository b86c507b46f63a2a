// A real sandbox run whose bound files sit below a 0700 folder, as a clone in root's home or in a
// `mktemp -d` folder has them: as root the sandbox runs as nobody, who cannot enter that folder.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { firstBlockingFolder, isRunningAsRoot } from "@/lib/system/reachable-folder";
import { copiesFolder } from "@/lib/system/stage-copy";
import { SANDBOX_USER } from "./reachable-binds";
import { probeSandbox, runSandboxed } from "./run-sandboxed";

const MiB = 2 ** 20;
const CAPS = { memoryBytes: 256 * MiB, maxProcesses: 64, wallSeconds: 10, outputLimitBytes: MiB };
const closed = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-closed-"));
const code = path.join(closed, "clone", "harness");

before(async () => {
  const probe = await probeSandbox();
  assert.ok(probe.isComplete, `sandbox layers missing: ${JSON.stringify(probe.layers)}`);
  fs.mkdirSync(code, { recursive: true, mode: 0o755 });
  fs.chmodSync(path.join(closed, "clone"), 0o755);
  fs.writeFileSync(
    path.join(code, "read.mjs"),
    'import fs from "node:fs";\nprocess.stdout.write(JSON.stringify({ uid: process.getuid(), text: fs.readFileSync("/code/message.txt", "utf8") }));\n',
    { mode: 0o644 },
  );
  fs.writeFileSync(path.join(code, "message.txt"), "read through the copy", { mode: 0o644 });
});

after(() => {
  fs.rmSync(copiesFolder(code), { recursive: true, force: true });
  fs.rmSync(closed, { recursive: true, force: true });
});

describe("binds below a folder the sandbox user cannot enter", () => {
  test("a read-only bind is read through a copy, by the unprivileged sandbox user", async () => {
    if (isRunningAsRoot())
      assert.equal(firstBlockingFolder(code, SANDBOX_USER), closed, "the harness is out of nobody's reach");
    const result = await runSandboxed({ ...CAPS, entry: "/code/read.mjs", binds: [{ source: code, target: "/code" }] });
    assert.equal(result.exitCode, 0, result.stderr);
    const seen = JSON.parse(result.stdout) as { uid: number; text: string };
    assert.equal(seen.text, "read through the copy");
    assert.notEqual(seen.uid, 0);
    if (isRunningAsRoot()) assert.ok(fs.existsSync(copiesFolder(code)), "the run bound a copy");
  });

  test("a writable bind out of reach is refused with the folder that blocks it", async () => {
    const output = path.join(closed, "clone", "output");
    fs.mkdirSync(output, { mode: 0o755 });
    const run = runSandboxed({
      ...CAPS,
      entry: "/code/read.mjs",
      binds: [
        { source: code, target: "/code" },
        { source: output, target: "/out", isWritable: true },
      ],
    });
    if (!isRunningAsRoot()) {
      // Without root the sandbox's files are this user's own, who can reach them.
      assert.equal((await run).exitCode, 0);
      return;
    }
    await assert.rejects(run, new RegExp(`cannot enter ${closed}`));
  });
});
