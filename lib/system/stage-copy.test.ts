import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { stageCopy } from "./stage-copy";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-stage-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

test("copies once per version of the sources, keeps links as links, and drops older copies", () => {
  const source = path.join(root, "engine");
  fs.mkdirSync(path.join(source, "lib"), { recursive: true });
  fs.writeFileSync(path.join(source, "lib", "libpq.so.5.18"), "v1");
  fs.symlinkSync("libpq.so.5.18", path.join(source, "lib", "libpq.so.5"));
  const parent = path.join(root, "staged");

  const first = stageCopy(parent, [{ source, name: "engine" }]);
  assert.equal(fs.readFileSync(path.join(first, "engine", "lib", "libpq.so.5"), "utf8"), "v1");
  assert.equal(fs.readlinkSync(path.join(first, "engine", "lib", "libpq.so.5")), "libpq.so.5.18");
  const marker = fs.statSync(path.join(first, "engine", "lib", "libpq.so.5.18")).ino;
  assert.equal(stageCopy(parent, [{ source, name: "engine" }]), first, "an unchanged source is not copied again");
  assert.equal(fs.statSync(path.join(first, "engine", "lib", "libpq.so.5.18")).ino, marker);

  fs.writeFileSync(path.join(source, "lib", "libpq.so.5.18"), "version 2");
  const second = stageCopy(parent, [{ source, name: "engine" }]);
  assert.notEqual(second, first);
  assert.equal(fs.readFileSync(path.join(second, "engine", "lib", "libpq.so.5"), "utf8"), "version 2");
  assert.deepEqual(fs.readdirSync(parent), [path.basename(second)], "the older copy is gone");
});
