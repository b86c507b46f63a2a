// The logger as a process sees it: records on stderr only (stdout is a command's output), at
// LOG_LEVEL and above, as JSON or as readable lines.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";
import { childEnvironment } from "./env";

const LOG_MODULE = path.join(import.meta.dirname, "log.ts");

function logFromChild(variables: Record<string, string>) {
  const snippet = `
    const { logger } = require(${JSON.stringify(LOG_MODULE)});
    const job = logger.child({ component: "grader", jobId: "7" });
    job.debug("too detailed");
    job.info({ durationMs: 12 }, "graded");
    job.warn({ err: new Error("Redis away") }, "enqueue deferred");`;
  return spawnSync(process.execPath, ["--import", "tsx", "-e", snippet], {
    encoding: "utf8",
    env: childEnvironment(variables),
  });
}

describe("logger", () => {
  it("writes JSON records at LOG_LEVEL and above to stderr, child fields on each, nothing to stdout", () => {
    const run = logFromChild({ LOG_LEVEL: "info", LOG_FORMAT: "json" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "");
    const records = run.stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      records.map(({ level, msg, component, jobId }) => ({ level, msg, component, jobId })),
      [
        { level: "info", msg: "graded", component: "grader", jobId: "7" },
        { level: "warn", msg: "enqueue deferred", component: "grader", jobId: "7" },
      ],
    );
    assert.equal(records[0]?.durationMs, 12);
    assert.equal((records[1]?.err as { message?: string } | undefined)?.message, "Redis away");
  });

  it("leaves out what is below LOG_LEVEL", () => {
    const run = logFromChild({ LOG_LEVEL: "warn", LOG_FORMAT: "json" });
    assert.deepEqual(
      run.stderr
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { msg: string }).msg),
      ["enqueue deferred"],
    );
  });

  it("writes readable lines with LOG_FORMAT=pretty", () => {
    const run = logFromChild({ LOG_LEVEL: "debug", LOG_FORMAT: "pretty" });
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^\d\d:\d\d:\d\d\.\d{3} DEBUG grader: too detailed {2}jobId=7$/m);
    assert.match(run.stderr, /^\d\d:\d\d:\d\d\.\d{3} WARN {2}grader: enqueue deferred {2}jobId=7 err="Redis away"$/m);
  });

  it("refuses a LOG_LEVEL pino does not have", () => {
    const run = logFromChild({ LOG_LEVEL: "verbose" });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /LOG_LEVEL/);
  });
});
