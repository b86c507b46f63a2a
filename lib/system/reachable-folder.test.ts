import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import {
  chooseStateFolder,
  firstBlockingFolder,
  isRunningAsRoot,
  OUTSIDE_STATE_LINK,
  OUTSIDE_STATE_ROOT,
  outsideStateFolder,
  type SystemUser,
} from "./reachable-folder";

// Someone who owns nothing here and is in none of its groups, like `postgres` or `nobody`.
const STRANGER: SystemUser = { name: "stranger", uid: 64999, gid: 64999 };

const made: string[] = [];
function tempFolder(mode: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-reach-"));
  fs.chmodSync(dir, mode);
  made.push(dir);
  return dir;
}

after(() => {
  for (const dir of made) {
    fs.rmSync(outsideStateFolder(path.join(dir, "clone", ".data")), { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("firstBlockingFolder", () => {
  test("names the 0700 folder above the target, and nothing when every folder lets others through", () => {
    const closed = tempFolder(0o700);
    assert.equal(firstBlockingFolder(path.join(closed, "clone", ".data"), STRANGER), closed);
    const open = tempFolder(0o711);
    fs.mkdirSync(path.join(open, "clone"), { mode: 0o755 });
    assert.equal(firstBlockingFolder(path.join(open, "clone", ".data"), STRANGER), null);
  });

  test("reads the owner's and the group's bits for the owner and the group", () => {
    const dir = tempFolder(0o700);
    fs.chownSync(dir, STRANGER.uid, 0);
    assert.equal(firstBlockingFolder(dir, STRANGER), null, "the owner may enter a 0700 folder");
    fs.chownSync(dir, 0, STRANGER.gid);
    fs.chmodSync(dir, 0o750);
    assert.equal(firstBlockingFolder(dir, STRANGER), null, "the group may enter a 0750 folder");
    fs.chmodSync(dir, 0o705);
    assert.equal(
      firstBlockingFolder(dir, STRANGER),
      dir,
      "the group's missing bit is not made up for by the others' bit",
    );
  });

  test("a folder that is a file's parent counts; the file itself does not", () => {
    const dir = tempFolder(0o755);
    const file = path.join(dir, "binary");
    fs.writeFileSync(file, "", { mode: 0o600 });
    assert.equal(firstBlockingFolder(file, STRANGER), null);
  });
});

describe("outsideStateFolder", () => {
  test("is the same for the same data folder, different for another, and named after the clone", () => {
    const first = outsideStateFolder("/somewhere/gradient/.data");
    assert.equal(first, outsideStateFolder("/somewhere/gradient/./.data"));
    assert.match(first, new RegExp(`^${OUTSIDE_STATE_ROOT}/gradient-[0-9a-f]{12}$`));
    assert.notEqual(first, outsideStateFolder("/elsewhere/gradient/.data"));
    assert.match(outsideStateFolder("/srv/Course State"), /\/course-state-[0-9a-f]{12}$/);
  });
});

describe("chooseStateFolder", () => {
  test("keeps the data folder when the other users can reach it", () => {
    const open = tempFolder(0o755);
    const dataDir = path.join(open, "clone", ".data");
    assert.deepEqual(chooseStateFolder(dataDir, [STRANGER]), { dir: dataDir, blockedAt: null });
  });

  test("below a 0700 folder, as root: the project's folder outside, linked from the data folder", () => {
    const closed = tempFolder(0o700);
    const dataDir = path.join(closed, "clone", ".data");
    const choice = chooseStateFolder(dataDir, [STRANGER]);
    if (!isRunningAsRoot()) {
      // Without root every process runs as this user, who can reach its own data folder.
      assert.deepEqual(choice, { dir: dataDir, blockedAt: null });
      return;
    }
    assert.deepEqual(choice, { dir: outsideStateFolder(dataDir), blockedAt: closed });
    assert.equal(firstBlockingFolder(choice.dir, STRANGER), null, "the outside folder is reachable");
    assert.equal(fs.readlinkSync(path.join(dataDir, OUTSIDE_STATE_LINK)), choice.dir);
    assert.deepEqual(chooseStateFolder(dataDir, [STRANGER]), choice, "a second choice is the same");
    fs.chmodSync(closed, 0o755);
    assert.equal(
      chooseStateFolder(dataDir, [STRANGER]).dir,
      choice.dir,
      "opened up later, the data kept outside is still used",
    );
  });
});
