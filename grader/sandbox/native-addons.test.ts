// The operator's reviewed list (GRADER_NATIVE_ADDONS) as the grader reads it, and the host's check
// of each listed file against its hash.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, afterEach, describe, test } from "node:test";
import { overrideEnvironmentForTest } from "@/lib/env";
import { isLoadableAddon, reviewedNativeAddons, verifyNativeAddons } from "./native-addons";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-native-addons-"));
const HASH = "a".repeat(64);

after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function listFile(name: string, content: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, content);
  return file;
}

function reviewedFile(name: string, content: string): { path: string; sha256: string } {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, content, { mode: 0o644 });
  fs.chmodSync(file, 0o644);
  return { path: file, sha256: createHash("sha256").update(content).digest("hex") };
}

describe("reviewedNativeAddons", () => {
  afterEach(() => overrideEnvironmentForTest({ GRADER_NATIVE_ADDONS: undefined }));

  test("no setting is an empty list", () => {
    overrideEnvironmentForTest({ GRADER_NATIVE_ADDONS: undefined });
    assert.deepEqual(reviewedNativeAddons(), []);
    overrideEnvironmentForTest({ GRADER_NATIVE_ADDONS: "  " });
    assert.deepEqual(reviewedNativeAddons(), []);
  });

  test("a good file is read as it is", () => {
    const list = [
      { path: "/opt/tfjs/tfjs_binding.node", sha256: HASH },
      { path: "/opt/tfjs/libtensorflow.so.2", sha256: "0".repeat(64) },
    ];
    overrideEnvironmentForTest({ GRADER_NATIVE_ADDONS: listFile("good.json", JSON.stringify(list)) });
    assert.deepEqual(reviewedNativeAddons(), list);
  });

  const refused: Array<{ name: string; content: string; problem: RegExp }> = [
    { name: "a missing sha256", content: '[{"path": "/opt/a.node"}]', problem: /0\.sha256: .*expected string/i },
    { name: "a missing path", content: `[{"sha256": "${HASH}"}]`, problem: /0\.path: .*expected string/i },
    {
      name: "an upper-case hash",
      content: `[{"path": "/opt/a.node", "sha256": "${HASH.toUpperCase()}"}]`,
      problem: /0\.sha256: must be 64 lowercase hex digits/,
    },
    {
      name: "a short hash",
      content: '[{"path": "/opt/a.node", "sha256": "abc123"}]',
      problem: /0\.sha256: must be 64 lowercase hex digits/,
    },
    {
      name: "a relative path",
      content: `[{"path": "a.node", "sha256": "${HASH}"}]`,
      problem: /0\.path: must be an absolute path/,
    },
    {
      name: "a field nobody reads",
      content: `[{"path": "/opt/a.node", "sha256": "${HASH}", "trusted": true}]`,
      problem: /trusted/,
    },
    { name: "an object instead of a list", content: `{"path": "/opt/a.node", "sha256": "${HASH}"}`, problem: /list/ },
    { name: "text that is not JSON", content: "/opt/a.node " + HASH, problem: /is not JSON/ },
  ];
  for (const { name, content, problem } of refused) {
    test(`a file with ${name} is refused, naming the setting and the file`, () => {
      const file = listFile(`${name.replaceAll(" ", "-")}.json`, content);
      overrideEnvironmentForTest({ GRADER_NATIVE_ADDONS: file });
      assert.throws(
        () => reviewedNativeAddons(),
        (error: Error) => {
          assert.match(error.message, /^GRADER_NATIVE_ADDONS/);
          assert.ok(error.message.includes(file), error.message);
          assert.match(error.message, problem);
          return true;
        },
      );
    });
  }

  test("a file that is not there is refused, naming it", () => {
    const file = path.join(scratch, "absent.json");
    overrideEnvironmentForTest({ GRADER_NATIVE_ADDONS: file });
    assert.throws(() => reviewedNativeAddons(), new RegExp(`GRADER_NATIVE_ADDONS names ${file}, which cannot be read`));
  });
});

describe("verifyNativeAddons", () => {
  test("the reviewed bytes pass, under their real path", () => {
    const addon = reviewedFile("real.node", "reviewed bytes");
    const link = path.join(scratch, "link.node");
    fs.symlinkSync(addon.path, link);
    assert.deepEqual(verifyNativeAddons([{ path: link, sha256: addon.sha256 }]), [addon]);
  });

  test("other bytes are refused, naming the file and both hashes", () => {
    const addon = reviewedFile("changed.node", "reviewed bytes");
    assert.deepEqual(verifyNativeAddons([addon]), [addon]);
    // Same size and mtime as the verified file, so only the ctime and a fresh hash tell them apart.
    const { mtime } = fs.statSync(addon.path);
    fs.writeFileSync(addon.path, "tampered bytes");
    fs.utimesSync(addon.path, mtime, mtime);
    const actual = createHash("sha256").update("tampered bytes").digest("hex");
    assert.throws(
      () => verifyNativeAddons([addon]),
      new RegExp(
        `native addon ${addon.path} is not the reviewed file: expected sha256 ${addon.sha256}, found ${actual}`,
      ),
    );
  });

  test("a file the sandbox user cannot read, or others could change, is refused", () => {
    const secret = reviewedFile("private.node", "bytes");
    fs.chmodSync(secret.path, 0o600);
    assert.throws(() => verifyNativeAddons([secret]), /private\.node is not world-readable/);
    const open = reviewedFile("open.node", "bytes");
    fs.chmodSync(open.path, 0o666);
    assert.throws(() => verifyNativeAddons([open]), /open\.node is writable by group or others/);
  });

  test("a folder or a missing file is refused", () => {
    assert.throws(() => verifyNativeAddons([{ path: scratch, sha256: HASH }]), /is not a regular file/);
    assert.throws(
      () => verifyNativeAddons([{ path: path.join(scratch, "absent.node"), sha256: HASH }]),
      /absent\.node does not exist/,
    );
  });

  test("only .node files are loadable from JavaScript; libraries are bound for the linker", () => {
    assert.equal(isLoadableAddon({ path: "/opt/tfjs/tfjs_binding.node", sha256: HASH }), true);
    assert.equal(isLoadableAddon({ path: "/opt/tfjs/libtensorflow.so.2", sha256: HASH }), false);
    assert.equal(isLoadableAddon({ path: "/opt/tfjs/binding.node.so", sha256: HASH }), false);
  });
});
