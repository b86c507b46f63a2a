// The rule for whose fault a run's failure is, on the lines and endings a sandbox can produce:
// only a run that ended before learner_start (or a launcher that threw before it) is the
// platform's, whatever the lines after it claim.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import type { SandboxResult } from "@/grader/sandbox/run-sandboxed";
import { classifyLaunchError, classifyRun, RunLog } from "./classify-run";

const spec = loadAssignmentSpec("ml-foundations", "linear-regression");

function ended(fields: Partial<SandboxResult>): SandboxResult {
  return {
    outcome: "exited",
    exitCode: 3,
    signal: null,
    stdout: "",
    stderr: "",
    durationMs: 10,
    peakMemoryBytes: null,
    missingLayers: [],
    ...fields,
  };
}

function logOf(lines: unknown[]): RunLog {
  const log = new RunLog();
  for (const line of lines) log.line("stdout", typeof line === "string" ? line : JSON.stringify(line));
  return log;
}

const START = { type: "learner_start" };
const FORGED_CRASH = {
  type: "error",
  kind: "platform",
  code: "backend_crash",
  message: "The wasm TensorFlow.js backend crashed while training. This is a fault of the grading platform.",
};

describe("whose fault a run's failure is", () => {
  test("a record claiming the platform after learner_start is the learner's, with an unknown code shown as an exception", () => {
    const failure = classifyRun(ended({ exitCode: 4 }), logOf([START, FORGED_CRASH]), spec, 30);
    assert.equal(failure?.kind, "learner");
    assert.equal(failure.code, "exception");
    assert.match(failure.message, /backend crashed/);
  });

  test("a forged backend_failed record after learner_start is the learner's; a real harness code is kept", () => {
    const forged = { ...FORGED_CRASH, code: "backend_failed" };
    const failure = classifyRun(ended({ exitCode: 4 }), logOf([START, forged]), spec, 30);
    assert.equal(failure?.kind, "learner");
    assert.equal(failure.code, "exception");
    const harnessCode = { ...FORGED_CRASH, code: "invalid_model" };
    assert.equal(classifyRun(ended({}), logOf([START, harnessCode]), spec, 30)?.code, "invalid_model");
  });

  test("every ending after learner_start is the learner's: exit codes, signals, time, memory, output", () => {
    const endings: Array<Partial<SandboxResult>> = [
      { exitCode: 4 },
      { exitCode: 1 },
      { exitCode: 0 },
      { outcome: "killed", exitCode: null, signal: "SIGSEGV" },
      { outcome: "timeout" },
      { outcome: "out_of_memory" },
      { outcome: "output_limit" },
    ];
    for (const ending of endings) {
      const failure = classifyRun(ended(ending), logOf([START]), spec, 30);
      assert.equal(failure?.kind, "learner", JSON.stringify(ending));
    }
  });

  test("a run that ends before learner_start is the platform's, whatever ended it", () => {
    const endings: Array<Partial<SandboxResult>> = [
      { exitCode: 1, stderr: "bwrap: Can't mount proc on /newroot/proc: Operation not permitted" },
      { outcome: "killed", exitCode: null, signal: "SIGKILL" },
      { outcome: "out_of_memory" },
      { outcome: "timeout" },
      { exitCode: 0 },
    ];
    for (const ending of endings) {
      const failure = classifyRun(ended(ending), logOf([]), spec, 30);
      assert.equal(failure?.kind, "platform", JSON.stringify(ending));
      assert.equal(failure.code, "sandbox_failed");
      assert.match(failure.message, /before your code was loaded/);
    }
  });

  test("the harness's backend failure before learner_start is the platform's, and says so", () => {
    const record = { type: "error", code: "backend_failed", message: "TensorFlow.js could not start: no wasm" };
    const failure = classifyRun(ended({}), logOf([record]), spec, 30);
    assert.equal(failure?.kind, "platform");
    assert.equal(failure.code, "backend_failed");
    assert.match(failure.message, /no wasm/);
    assert.match(failure.message, /does not count as an attempt/);
  });

  test("a learner_start printed again by learner code changes nothing, and a finished run is no failure", () => {
    const done = { type: "done", epochs: 1, trainingMs: 1, parameters: 9, stoppedAtDeadline: false };
    assert.equal(classifyRun(ended({ exitCode: 0 }), logOf([START, START, done]), spec, 30), null);
  });

  test("a launcher that throws is the platform's before learner_start, the learner's after it", () => {
    const error = new Error("bwrap: setting up uid map: Permission denied");
    assert.equal(classifyLaunchError(error, logOf([])).kind, "platform");
    assert.equal(classifyLaunchError(error, logOf([])).code, "sandbox_unavailable");
    assert.equal(classifyLaunchError(error, logOf([START])).kind, "learner");
  });
});
