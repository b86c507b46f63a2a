import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatLogRecord } from "./log-format";

describe("formatLogRecord", () => {
  it("puts time, level, process and message first, then the fields, without pid and hostname", () => {
    const line = JSON.stringify({
      level: "info",
      time: "2026-12-06T07:01:02.345Z",
      pid: 42,
      hostname: "box",
      component: "grader",
      jobId: "17",
      durationMs: 1234,
      msg: "graded",
    });
    assert.equal(formatLogRecord(`${line}\n`), "07:01:02.345 INFO  grader: graded  jobId=17 durationMs=1234\n");
  });

  it("quotes a value with spaces and writes objects as JSON, so a line stays one record", () => {
    const line = JSON.stringify({
      level: "warn",
      time: "2026-12-06T07:01:02.345Z",
      msg: "x",
      why: "the local Redis",
      packages: ["redis-server"],
    });
    assert.equal(formatLogRecord(line), '07:01:02.345 WARN  x  why="the local Redis" packages=["redis-server"]\n');
  });

  it("gives an error's message among the fields, and its stack frames under the line of an error only", () => {
    const err = {
      type: "Error",
      message: "connection refused",
      stack: "Error: connection refused\n    at beat (grader/index.ts:1:1)",
    };
    const record = { time: "2026-12-06T07:01:02.345Z", msg: "heartbeat failed", err };
    assert.equal(
      formatLogRecord(JSON.stringify({ ...record, level: "error" })),
      '07:01:02.345 ERROR heartbeat failed  err="connection refused"\n    at beat (grader/index.ts:1:1)\n',
    );
    assert.equal(
      formatLogRecord(JSON.stringify({ ...record, level: "warn" })),
      '07:01:02.345 WARN  heartbeat failed  err="connection refused"\n',
    );
  });

  it("passes a line that is not a record through as it is", () => {
    assert.equal(formatLogRecord("not json"), "not json\n");
  });
});
