// Each broken submission must come back as the learner's failure, with a code the UI can key on
// and a message that points at the problem. These run through the real sandbox.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import { gradeSubmission, type GradeResult } from "./grade-submission";

const base = loadAssignmentSpec("ml-foundations", "linear-regression");
const spec = { ...base, budget: { ...base.budget, maxEpochs: 3, trainingSeconds: 10 } };

function grade(code: string, language: "javascript" | "typescript" = "javascript"): Promise<GradeResult> {
  return gradeSubmission({ spec, code, language, seed: 1 });
}

function assertLearnerFailure(result: GradeResult, code: string): void {
  assert.equal(result.status, "failed", result.message);
  assert.equal(result.failureKind, "learner");
  assert.equal(result.failureCode, code, result.message);
  assert.ok(result.receipt, "a learner failure still carries a receipt");
}

const dense = (units: number) => `
export async function train({ tf, data }) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: ${units}, inputShape: data.inputShape })] });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  return model;
}`;

describe("failure classification", () => {
  it("reports a syntax error with its line", async () => {
    const result = await grade("export async function train({ tf }) {\n  const x = ;\n}\n");
    assertLearnerFailure(result, "syntax_error");
    assert.match(result.message, /line 2/);
  });

  it("reports an exception with the learner's message, stack line and console output", async () => {
    const result = await grade(`
export async function train({ tf }) {
  console.log("about to fail");
  throw new Error("shapes do not match");
}`);
    assertLearnerFailure(result, "exception");
    assert.match(result.message, /shapes do not match/);
    assert.match(result.message, /submission:4/);
    assert.deepEqual(
      result.logs.map((line) => line.text),
      ["about to fail"],
    );
  });

  it("charges a WebAssembly trap thrown by train() to the learner, like any other exception", async () => {
    const result = await grade(
      `export async function train() { throw new WebAssembly.RuntimeError("memory access out of bounds"); }`,
    );
    assertLearnerFailure(result, "exception");
    assert.match(result.message, /RuntimeError: memory access out of bounds/);
  });

  it("blames the platform when the sandbox dies before the learner's code is loaded", async () => {
    // Too little memory for node and TensorFlow.js to start: the run ends before learner_start,
    // so nothing of the submission (which would only return a model) had run.
    const starved = { ...spec, budget: { ...spec.budget, memoryMiB: 24 } };
    const result = await gradeSubmission({ spec: starved, code: dense(1), language: "javascript", seed: 1 });
    assert.equal(result.status, "error", result.message);
    assert.equal(result.failureKind, "platform");
    assert.equal(result.failureCode, "sandbox_failed");
    assert.match(result.message, /before your code was loaded \(out of memory\)/);
    assert.deepEqual(result.logs, []);
  });

  it("reports a run that ends before any weights are saved", async () => {
    const result = await grade("export async function train() { process.exit(0); }");
    assertLearnerFailure(result, "no_weights");
  });

  it("reports a train() that returns no model", async () => {
    const result = await grade("export async function train() { return 42; }");
    assertLearnerFailure(result, "no_model");
  });

  it("reports a model with the wrong output shape", async () => {
    assert.equal((await grade(dense(1))).status, "failed", "the same model with one unit is scored");
    const result = await grade(dense(3));
    assertLearnerFailure(result, "wrong_output_shape");
    assert.match(result.message, /\[batch, 3\]/);
  });

  it("stops a custom loop that reports more epochs than the budget", async () => {
    const result = await grade(`
export async function train({ tf, data, onEpoch }) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: data.inputShape })] });
  for (let epoch = 0; epoch < 10; epoch++) onEpoch({ loss: 1 });
  return model;
}`);
    assertLearnerFailure(result, "over_budget");
    assert.equal(result.curves.length, 3);
  });

  it("clamps fit() to the epoch budget and grades TypeScript", async () => {
    const result = await grade(
      `
import type * as tfjs from "@tensorflow/tfjs";
export async function train({ tf, data }: {
  tf: typeof tfjs;
  data: { xs: tfjs.Tensor; ys: tfjs.Tensor; inputShape: number[] };
}) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: data.inputShape })] });
  model.compile({ optimizer: tf.train.adam(0.1), loss: "meanSquaredError" });
  await model.fit(data.xs, data.ys, { epochs: 50, batchSize: 32, verbose: 0 });
  return model;
}`,
      "typescript",
    );
    assert.equal(result.curves.length, 3);
    assert.ok(result.logs.some((line) => line.text.includes("budget leaves 3")));
    assert.ok(result.score !== null && Number.isFinite(result.score));
  });
});
