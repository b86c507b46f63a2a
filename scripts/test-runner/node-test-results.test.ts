// The unit phase's process run over small test files made for the occasion: whatever skips
// itself, or registers nothing, or dies, is named and counted, never quietly passed over.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { childEnvironment } from "../../lib/env";
import { countNodeTestRecords } from "./node-test-results";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const FILES: Record<string, string> = {
  "passes.mjs": `import { test } from "node:test";\ntest("adds", () => {});\ntest("adds again", () => {});\n`,
  "skips.mjs": [
    `import { describe, test } from "node:test";`,
    `describe("needs root", { skip: "not root" }, () => { test("mounts", () => {}); });`,
    `test("later", { todo: true }, () => {});`,
    `test("at run time", (t) => { t.skip("no cgroup"); });`,
    `test("runs", () => {});`,
  ].join("\n"),
  "empty.mjs": `// registers nothing on this machine\n`,
  "fails.mjs": `import { test } from "node:test";\ntest("breaks", () => { throw new Error("it broke"); });\n`,
  "does-not-load.mjs": `throw new Error("cannot load");\n`,
};

let dir = "";
let records = "";
let exitCode: number | null = null;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-node-tests-"));
  for (const [name, body] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), body);
  const recordsFile = path.join(dir, "records.jsonl");
  const files = Object.keys(FILES).map((name) => path.join(dir, name));
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "run-node-tests.ts"), recordsFile, ...files],
    {
      cwd: ROOT,
      // Set for this file's own process by the runner above it; the one started here is a runner of its own.
      env: childEnvironment({ NODE_TEST_CONTEXT: undefined }),
      encoding: "utf8",
    },
  );
  exitCode = run.status;
  records = fs.readFileSync(recordsFile, "utf8");
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("counting node's test runner", () => {
  test("exits non-zero when a test failed", () => assert.equal(exitCode, 1));

  test("counts passes, failures and every kind of skip, naming each skip and failure by file", () => {
    const result = countNodeTestRecords(records, dir, []);
    assert.equal(result.passed, 3);
    assert.equal(result.failed, 2);
    assert.equal(result.skipped, 4);
    assert.deepEqual(result.problems.sort(), [
      "unit: FAILED does-not-load.mjs (the file itself): did not load, or exited before its tests ended (its output is above)",
      "unit: FAILED fails.mjs > breaks: it broke",
      "unit: SKIPPED empty.mjs: the file registered no test",
      "unit: SKIPPED skips.mjs > at run time (skip: no cgroup)",
      "unit: SKIPPED skips.mjs > later (todo)",
      "unit: SKIPPED skips.mjs > needs root (skip: not root)",
    ]);
  });

  test("a file that left no record at all is a failure", () => {
    const result = countNodeTestRecords(records, dir, ["passes.mjs", "never-ran.test.ts"]);
    assert.equal(result.failed, 3);
    assert.ok(
      result.problems.includes("unit: FAILED never-ran.test.ts: reported nothing at all"),
      result.problems.join("\n"),
    );
  });
});
