// What a learner's code could leave in its output folder, planted here with real links, FIFOs and
// sparse files, and what the host's reader makes of each.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import { readSandboxFile, SandboxFileRefused, type RefusalReason } from "./read-sandbox-file";

const CANARY = "canary-content-that-must-never-be-read";
const LIMIT = { maxBytes: 1024 };

let workspace = "";
let output = "";
let canaryFile = "";
let canaryFifo = "";

function refusal(reason: RefusalReason, message: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof SandboxFileRefused, `expected a refusal, got ${String(error)}`);
    assert.equal(error.reason, reason);
    assert.match(error.message, message);
    assert.ok(!error.message.includes(CANARY));
    return true;
  };
}

describe("readSandboxFile", () => {
  before(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-read-sandbox-file-"));
    canaryFile = path.join(workspace, "host-secret.txt");
    fs.writeFileSync(canaryFile, CANARY);
    // Opening this for reading would wait for a writer for ever: a test that hangs has followed a link to it.
    canaryFifo = path.join(workspace, "host-fifo");
    execFileSync("mkfifo", [canaryFifo]);
  });

  beforeEach(() => {
    output = fs.mkdtempSync(path.join(workspace, "output-"));
  });

  after(() => {
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  test("reads a regular file the run wrote, and gives null for one it did not", () => {
    fs.writeFileSync(path.join(output, "model.json"), '{"ok":true}');
    assert.equal(readSandboxFile(output, "model.json", LIMIT)?.toString("utf8"), '{"ok":true}');
    assert.equal(readSandboxFile(output, "weights.bin", LIMIT), null);
  });

  test("a file exactly at the limit is read whole", () => {
    fs.writeFileSync(path.join(output, "weights.bin"), Buffer.alloc(LIMIT.maxBytes, 7));
    const bytes = readSandboxFile(output, "weights.bin", LIMIT);
    assert.equal(bytes?.byteLength, LIMIT.maxBytes);
    assert.ok(bytes?.every((byte) => byte === 7));
  });

  test("a symbolic link to a host file is refused, not followed", () => {
    fs.symlinkSync(canaryFile, path.join(output, "model.json"));
    assert.throws(
      () => readSandboxFile(output, "model.json", LIMIT),
      refusal("symbolic_link", /^model\.json is a symbolic link/),
    );
  });

  test("a symbolic link to a host FIFO is refused without opening it (opening would block)", () => {
    fs.symlinkSync(canaryFifo, path.join(output, "trace.json"));
    assert.throws(
      () => readSandboxFile(output, "trace.json", LIMIT),
      refusal("symbolic_link", /^trace\.json is a symbolic link/),
    );
  });

  test("a dangling symbolic link is refused too, not taken for a missing file", () => {
    fs.symlinkSync("/job/output/elsewhere", path.join(output, "weights.bin"));
    assert.throws(
      () => readSandboxFile(output, "weights.bin", LIMIT),
      refusal("symbolic_link", /weights\.bin is a symbolic link/),
    );
  });

  test("a hard link to a host file is refused", () => {
    fs.linkSync(canaryFile, path.join(output, "weights.bin"));
    assert.throws(
      () => readSandboxFile(output, "weights.bin", LIMIT),
      refusal("hard_link", /^weights\.bin is a hard link \(2 names/),
    );
  });

  test("a FIFO is refused at once, without waiting for a writer", () => {
    execFileSync("mkfifo", [path.join(output, "trace.bin")]);
    assert.throws(
      () => readSandboxFile(output, "trace.bin", LIMIT),
      refusal("not_regular", /^trace\.bin is not a regular file \(a FIFO\)/),
    );
  });

  test("a UNIX socket is refused", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(output, "model.json"), resolve));
    try {
      assert.throws(
        () => readSandboxFile(output, "model.json", LIMIT),
        refusal("not_regular", /^model\.json is not a regular file \(a socket\)/),
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("a directory under the name is refused", () => {
    fs.mkdirSync(path.join(output, "model.json"));
    assert.throws(
      () => readSandboxFile(output, "model.json", LIMIT),
      refusal("not_regular", /^model\.json is not a regular file \(a directory\)/),
    );
  });

  test("a huge sparse file is refused from its size, before anything is read", () => {
    const file = path.join(output, "weights.bin");
    fs.writeFileSync(file, "");
    fs.truncateSync(file, 2 ** 40);
    const started = performance.now();
    assert.throws(
      () => readSandboxFile(output, "weights.bin", { maxBytes: 4_200_000, allowedBy: "the model's parameters allow" }),
      refusal(
        "too_large",
        /^weights\.bin is larger than the 4\.2 MB the model's parameters allow \(it is 1099511\.6 MB\)/,
      ),
    );
    assert.ok(performance.now() - started < 1000, "the refusal should not have read the file");
  });

  test("one byte over the limit is refused", () => {
    fs.writeFileSync(path.join(output, "trace.json"), Buffer.alloc(LIMIT.maxBytes + 1));
    assert.throws(
      () => readSandboxFile(output, "trace.json", LIMIT),
      refusal("too_large", /^trace\.json is larger than/),
    );
  });

  test("an output folder that is itself a link is not entered", () => {
    const linked = path.join(workspace, "linked-output");
    fs.symlinkSync(workspace, linked);
    assert.throws(() => readSandboxFile(linked, "host-secret.txt", LIMIT), /ELOOP|ENOTDIR/);
  });

  test("names that would pass through a folder are refused, so no folder link is ever followed", () => {
    fs.symlinkSync(workspace, path.join(output, "sub"));
    for (const name of ["sub/host-secret.txt", "..", ".", ""]) {
      assert.throws(() => readSandboxFile(output, name, LIMIT), /is not a plain file name/, name);
    }
  });
});
