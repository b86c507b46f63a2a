// No file in the repository names where this checkout happens to live: not its own absolute path,
// not the folder it sits in. Such a path works on one machine and silently means something else,
// or nothing, on the next (a clone elsewhere, CI). package-lock.json is generated, not written.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { ensureDebianPackages } from "../lib/system/debian-packages";

const ROOT = path.resolve(import.meta.dirname, "..");
const IGNORED = new Set(["package-lock.json"]);
// Folders the sandbox tests name on purpose, as places learner code must not reach: a checkout
// sitting directly in one of them has its own path checked, not the folder's.
const SYSTEM_FOLDERS = new Set(["/", "/home", "/root", "/tmp", "/var", "/srv", "/opt", "/usr", "/mnt", "/media"]);
// A path continues with one of these, so the folder named inside a longer name (the same letters
// followed by "er", or preceded by "lib") is not a mention.
const NAME_BYTE = /[A-Za-z0-9._-]/;

/** The checkout and its parent, as given and with links resolved. */
function machinePaths(): string[] {
  const checkouts = new Set([ROOT, fs.realpathSync(ROOT)]);
  const folders = [...checkouts]
    .map((checkout) => path.dirname(checkout))
    .filter((folder) => !SYSTEM_FOLDERS.has(folder));
  return [...new Set([...checkouts, ...folders])];
}

/** Lines (1-based) where `text` names `needle` as a path of its own. */
function linesNaming(text: Buffer, needle: string): number[] {
  const bytes = Buffer.from(needle);
  const lines: number[] = [];
  for (let at = text.indexOf(bytes); at !== -1; at = text.indexOf(bytes, at + 1)) {
    const before = at > 0 ? String.fromCharCode(text[at - 1] ?? 0) : "";
    const after = String.fromCharCode(text[at + bytes.length] ?? 0);
    if (NAME_BYTE.test(before) || NAME_BYTE.test(after)) continue;
    lines.push(text.subarray(0, at).filter((byte) => byte === 0x0a).length + 1);
  }
  return lines;
}

function trackedFiles(): string[] {
  ensureDebianPackages(["git"], "the test that no file names this machine's paths");
  return execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((file) => file !== "" && !IGNORED.has(file));
}

describe("machine paths", () => {
  test("the search finds a path however it is quoted, and not a longer name that starts the same", () => {
    const folder = path.dirname(ROOT);
    const text = Buffer.from(
      `one\nconst a = "${folder}/seeds";\nsee ${folder}\n${folder}er/x and lib${folder}/x\n'${ROOT}'`,
    );
    assert.deepEqual(linesNaming(text, folder), [2, 3, 5]);
    assert.deepEqual(linesNaming(text, ROOT), [5]);
  });

  test("no file tracked by git names the checkout's absolute path or its parent folder", () => {
    const needles = machinePaths();
    const files = trackedFiles();
    assert.ok(files.length > 100, `git lists only ${files.length} files`);
    const mentions: string[] = [];
    for (const file of files) {
      const full = path.join(ROOT, file);
      const stat = fs.lstatSync(full, { throwIfNoEntry: false });
      if (!stat) continue;
      const text = stat.isSymbolicLink() ? Buffer.from(fs.readlinkSync(full)) : fs.readFileSync(full);
      for (const needle of needles)
        mentions.push(...linesNaming(text, needle).map((line) => `${file}:${line} names ${needle}`));
    }
    assert.deepEqual(
      mentions,
      [],
      `files name this machine's paths; derive them at run time instead:\n${mentions.join("\n")}`,
    );
  });
});
