import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import { dataDir, overrideEnvironmentForTest } from "@/lib/env";
import { HELD_OUT_SECRET_FILE_NAME, heldOutSecretFile, readOrCreateHeldOutSecret } from "./heldout-secret";
import { prepareDataset, prepareDatasetUncached } from "./prepare";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-secret-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("the held-out secret", () => {
  it("is created once, readable by its owner only, and reused", () => {
    const file = path.join(scratch, "alone", HELD_OUT_SECRET_FILE_NAME);
    const secret = readOrCreateHeldOutSecret(file);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.ok(secret.length >= 43);
    assert.deepEqual(readOrCreateHeldOutSecret(file), secret);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), [HELD_OUT_SECRET_FILE_NAME], "no temporary file is left");
  });

  it("is refused when others may read it or when it is not a secret", () => {
    const open = path.join(scratch, "open");
    fs.writeFileSync(open, `${"a".repeat(43)}\n`, { mode: 0o644 });
    fs.chmodSync(open, 0o644);
    assert.throws(() => readOrCreateHeldOutSecret(open), /readable or writable by other users/);
    const short = path.join(scratch, "short");
    fs.writeFileSync(short, "password\n", { mode: 0o600 });
    assert.throws(() => readOrCreateHeldOutSecret(short), /at least 32 random bytes/);
  });

  it("lives in the data folder, where preparing a lab's data creates it and every later split reuses it", () => {
    overrideEnvironmentForTest({ GRADIENT_DATA_DIR: path.join(scratch, "data") });
    assert.equal(heldOutSecretFile(), path.join(dataDir, HELD_OUT_SECRET_FILE_NAME));
    assert.ok(!fs.existsSync(heldOutSecretFile()));
    const spec = loadAssignmentSpec("ml-foundations", "linear-regression");
    const first = prepareDataset(spec);
    assert.equal(fs.statSync(heldOutSecretFile()).mode & 0o777, 0o600);
    const secret = readOrCreateHeldOutSecret();
    assert.equal(first.heldOutSha256, prepareDatasetUncached(spec, secret).heldOutSha256);
    assert.equal(prepareDataset(spec).heldOutSha256, first.heldOutSha256);

    // Another secret (a restore without the backup) changes the held-out set, never the train split.
    fs.writeFileSync(heldOutSecretFile(), `${"b".repeat(43)}\n`, { mode: 0o600 });
    const replaced = prepareDataset(spec);
    assert.notEqual(replaced.heldOutSha256, first.heldOutSha256);
    assert.equal(replaced.trainSha256, first.trainSha256);
  });
});
