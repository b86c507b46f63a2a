import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import {
  dataDir,
  env,
  hasSigningKeySetting,
  isolatedChildEnvironment,
  overrideEnvironmentForTest,
  withoutSigningKey,
} from "./env";

describe("overrideEnvironmentForTest", () => {
  it("sets and removes variables of the process and reads them again, derived settings included", () => {
    overrideEnvironmentForTest({ QUEUE_PREFIX: "env-test", GRADIENT_DATA_DIR: "env-test-data", SIGNING_KEY: "pem" });
    assert.equal(env.QUEUE_PREFIX, "env-test");
    assert.equal(dataDir, path.resolve("env-test-data"));
    assert.equal(env.SIGNING_KEY, "pem");
    overrideEnvironmentForTest({ SIGNING_KEY: undefined });
    assert.equal(env.SIGNING_KEY, undefined);
    assert.equal("SIGNING_KEY" in isolatedChildEnvironment({}), false);
  });

  it("refuses a value the schema refuses, as at start-up", () => {
    assert.throws(
      () => overrideEnvironmentForTest({ GRADER_CONCURRENCY: "none", QUEUE_PREFIX: "refused" }),
      /GRADER_CONCURRENCY/,
    );
    assert.notEqual(env.QUEUE_PREFIX, "refused");
  });
});

describe("isolatedChildEnvironment", () => {
  it("passes only the given variables, NODE_ENV and PATH", () => {
    overrideEnvironmentForTest({ DATABASE_URL: "postgresql://secret@localhost/db" });
    const childEnv = isolatedChildEnvironment({ GRADIENT_TOKEN: "t" });
    assert.deepEqual(Object.keys(childEnv).sort(), ["GRADIENT_TOKEN", "NODE_ENV", "PATH"]);
  });
});

describe("the signing key settings", () => {
  it("are removed, and only they, from a grading worker's environment", () => {
    const processEnv = {
      NODE_ENV: "test" as const,
      SIGNING_KEY: "pem",
      SIGNING_KEY_FILE: "key.pem",
      DATABASE_URL: "postgresql://localhost/db",
    };
    assert.deepEqual(withoutSigningKey(processEnv), { NODE_ENV: "test", DATABASE_URL: "postgresql://localhost/db" });
    assert.equal(processEnv.SIGNING_KEY, "pem", "the environment given is left as it was");
  });

  it("count as given even when empty", () => {
    overrideEnvironmentForTest({ SIGNING_KEY: undefined, SIGNING_KEY_FILE: undefined });
    assert.equal(hasSigningKeySetting(), false);
    overrideEnvironmentForTest({ SIGNING_KEY_FILE: "" });
    assert.equal(hasSigningKeySetting(), true);
    overrideEnvironmentForTest({ SIGNING_KEY_FILE: undefined });
  });
});
