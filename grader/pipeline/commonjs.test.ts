// CommonJS submissions through the real pipeline: the real sandbox, the train split and the trusted
// scorer. A module written as Node tutorials write TensorFlow.js must be graded like an ES module,
// any other require must be refused with a message naming what is allowed, and tricks played with
// module.exports must end as the learner's own failure, never as a score or the platform's fault.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { assignmentDir, loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import { isChargedAttempt } from "@/lib/submissions/attempt-policy";
import { childEnvironment } from "@/lib/env";
import { gradeSubmission, type GradeResult } from "./grade-submission";

const COURSE = "ml-foundations";
const LAB = "linear-regression";
const ROOT = path.resolve(import.meta.dirname, "../..");
const REFERENCE_CJS = path.join(assignmentDir(COURSE, LAB), "reference-cjs.js");
const spec = loadAssignmentSpec(COURSE, LAB);
const execFileAsync = promisify(execFile);

/** A model that trains in a moment; good enough to pass the lab. */
const FIT = [
  "  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: data.inputShape })] });",
  '  model.compile({ optimizer: tf.train.adam(0.1), loss: "meanSquaredError" });',
  "  await model.fit(data.xs, data.ys, { epochs: 30, batchSize: 64, verbose: 0 });",
  "  return model;",
].join("\n");

function grade(code: string): Promise<GradeResult> {
  return gradeSubmission({ spec, code, seed: 1 });
}

function assertLearnersFailure(result: GradeResult, code: string): void {
  assert.equal(result.status, "failed", result.message);
  assert.equal(result.failureKind, "learner", result.message);
  assert.equal(result.failureCode, code, result.message);
  assert.equal(result.score, null);
}

describe("CommonJS submissions in the sandbox", { concurrency: 2 }, () => {
  it("the CommonJS reference solution passes through npm run grade", async () => {
    const { stdout } = await execFileAsync(
      process.execPath,
      ["--import", "tsx", "scripts/grade.ts", "--assignment", LAB, "--file", REFERENCE_CJS, "--json"],
      {
        cwd: ROOT,
        maxBuffer: 16 * 2 ** 20,
        env: childEnvironment({ SIGNING_KEY: undefined, SIGNING_KEY_FILE: undefined }),
      },
    );
    const summary = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
      status: string;
      message: string;
      score: number | null;
      epochs: number;
    };
    assert.equal(summary.status, "passed", summary.message);
    assert.ok(summary.score !== null && summary.score <= spec.metric.threshold);
    assert.ok(summary.epochs > 0);
  });

  it("trains a module that requires tfjs-node and sets exports.train, on whatever engine the grader has", async () => {
    const result = await grade(
      `const tf = require("@tensorflow/tfjs-node");\nexports.train = async function ({ data }) {\n${FIT}\n};\n`,
    );
    assert.equal(result.status, "passed", result.message);
    assert.equal(result.curves.length, 30);
  });

  it("points an exception at the learner's own line, through the wrapper", async () => {
    const result = await grade(
      'const tf = require("@tensorflow/tfjs");\n\n// a comment\nmodule.exports = {\n  async train() {\n' +
        '    throw new Error("no model yet");\n  },\n};\n',
    );
    assertLearnersFailure(result, "exception");
    assert.match(result.message, /no model yet/);
    assert.match(result.message, /submission:6/);
  });

  it('refuses require("fs") and require("child_process") on the host, uncharged, naming what is allowed', async () => {
    for (const name of ["fs", "child_process"]) {
      const result = await grade(`const x = require("${name}");\nexports.train = async () => x;\n`);
      assertLearnersFailure(result, "unavailable_import");
      assert.match(result.message, new RegExp(`require\\("${name}"\\) is not available`));
      assert.match(result.message, /"@tensorflow\/tfjs"/);
      assert.equal(isChargedAttempt({ failureKind: "LEARNER", failureCode: result.failureCode ?? null }), false);
    }
  });

  it("refuses in the sandbox a require whose name only running the code reveals", async () => {
    const result = await grade(
      'const name = ["child", "process"].join("_");\nconst cp = require(name);\n' +
        'exports.train = async () => cp.execSync("id");\n',
    );
    assertLearnersFailure(result, "unavailable_require");
    assert.match(result.message, /require\("child_process"\) is not available/);
    assert.match(result.message, /"@tensorflow\/tfjs"/);
  });

  it("a require refused inside train() is that failure too", async () => {
    const result = await grade(
      'exports.train = async () => {\n  const fs = require(["f", "s"].join(""));\n  return fs.readFileSync("/etc/passwd");\n};\n',
    );
    assertLearnersFailure(result, "unavailable_require");
  });

  it("module.exports tricks end as the learner's failure to load, never a score or the platform's fault", async () => {
    const tricks: Array<[string, string]> = [
      ['module.exports = { get train() { throw new Error("getter"); } };\n', "import_failed"],
      ['module.exports = new Proxy({}, { get() { throw new Error("trap"); } });\n', "import_failed"],
      ["module.exports = new Proxy({}, { get() { process.exit(0); } });\n", "no_weights"],
      [
        "let reads = 0;\nmodule.exports = { get train() { reads += 1; return reads === 1 ? 42 : async () => null; } };\n",
        "no_train_function",
      ],
      ["module.exports = { then(resolve) { resolve({ train: async () => null }); } };\n", "no_train_function"],
      ["module.exports = async function train() {};\n", "no_train_function"],
    ];
    for (const [code, expected] of tricks) {
      const result = await grade(`const tf = require("@tensorflow/tfjs");\n${code}`);
      assertLearnersFailure(result, expected);
    }
  });

  it("a thenable module.exports is not awaited: its train is what is called", async () => {
    const result = await grade(
      `const tf = require("@tensorflow/tfjs");\nmodule.exports = {\n  then() { throw new Error("then ran"); },\n` +
        `  async train({ data }) {\n${FIT}\n  },\n};\n`,
    );
    assert.equal(result.status, "passed", result.message);
  });
});
