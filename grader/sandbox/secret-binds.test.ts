import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { heldOutSecretFile, readOrCreateHeldOutSecret } from "@/grader/datasets/heldout-secret";
import { dataDir, overrideEnvironmentForTest } from "@/lib/env";
import { runSandboxed } from "./run-sandboxed";
import { bindExposingSecret, platformSecretFiles } from "./secret-binds";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-binds-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
overrideEnvironmentForTest({ GRADIENT_DATA_DIR: path.join(scratch, "data") });
readOrCreateHeldOutSecret();
const jobData = path.join(dataDir, "jobs", "job-1", "data");
fs.mkdirSync(jobData, { recursive: true });
const link = path.join(scratch, "link-to-data");
fs.symlinkSync(dataDir, link);

const bind = (source: string) => ({ source, target: "/job/data" });

describe("the sandbox's binds", () => {
  it("count the held-out secret among the platform's secrets", () => {
    assert.deepEqual(platformSecretFiles(), [heldOutSecretFile()]);
  });

  it("may hold a job folder in the data folder, but never the data folder, a folder above it, a link to it or the secret", () => {
    const secrets = platformSecretFiles();
    assert.equal(bindExposingSecret([bind(jobData), bind(path.join(dataDir, "jobs"))], secrets), null);
    for (const source of [dataDir, scratch, "/", link, heldOutSecretFile()]) {
      assert.equal(bindExposingSecret([bind(jobData), bind(source)], secrets)?.bind.source, source, source);
    }
  });

  it("are refused before anything runs when one would expose the secret", async () => {
    await assert.rejects(
      runSandboxed({
        entry: "/job/data/run.mjs",
        binds: [bind(dataDir)],
        memoryBytes: 2 ** 26,
        maxProcesses: 8,
        wallSeconds: 5,
        outputLimitBytes: 1024,
      }),
      /would expose the platform secret/,
    );
  });
});
