// A layer class the learner writes is trained in the sandbox and scored from its recorded forward
// pass, outside it. These run through the real sandbox on the regression lab.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { TRACE_CONSTANT_MARGIN } from "@/grader/harness/forward-trace.mjs";
import { COURSES_DIR, loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import { gradeSubmission } from "./grade-submission";

const base = loadAssignmentSpec("ml-foundations", "linear-regression");
const spec = { ...base, budget: { ...base.budget, maxEpochs: 20, trainingSeconds: 15 } };

/** The learner's own dense layer: the same weights, initialisers and creation order as tf.layers.dense. */
const LINEAR_LAYER = `
class Linear extends tf.layers.Layer {
  static className = "LearnerLinear";
  constructor(config) {
    super(config);
    this.units = config.units;
  }
  build(inputShape) {
    this.kernel = this.addWeight("kernel", [inputShape[inputShape.length - 1], this.units], "float32",
      tf.initializers.glorotNormal({}));
    this.bias = this.addWeight("bias", [this.units], "float32", tf.initializers.zeros());
  }
  computeOutputShape(inputShape) {
    return [...inputShape.slice(0, -1), this.units];
  }
  call(inputs) {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return BODY;
    });
  }
  getConfig() {
    return { ...super.getConfig(), units: this.units };
  }
}
tf.serialization.registerClass(Linear);
`;

function submission(layer: string, epochs: number): string {
  return `
export async function train({ tf, data }) {
  ${layer}
  const model = tf.sequential({ layers: [LAYER] });
  model.compile({ optimizer: tf.train.adam(0.1), loss: "meanSquaredError" });
  await model.fit(data.xs, data.ys, { epochs: ${epochs}, batchSize: 64, shuffle: true, verbose: 0 });
  return model;
}`;
}

const builtIn = (epochs: number) =>
  submission("", epochs).replace("LAYER", "tf.layers.dense({ units: 1, inputShape: data.inputShape })");
const custom = (body: string, epochs: number) =>
  submission(LINEAR_LAYER.replace("BODY", body), epochs).replace(
    "LAYER",
    "new Linear({ units: 1, inputShape: data.inputShape })",
  );
const LINEAR = "tf.add(tf.matMul(x, this.kernel.read()), this.bias.read())";

describe("custom layer classes", () => {
  it("trains the brief's example of an own layer and scores it from its recorded forward pass", async () => {
    const brief = fs.readFileSync(
      path.join(COURSES_DIR, "ml-foundations/assignments/linear-regression/brief.en.md"),
      "utf8",
    );
    const example = /### Your own layers[\s\S]*?```js\n([\s\S]*?)```/.exec(brief)?.[1];
    assert.ok(example, "the brief shows a complete submission with its own layer");
    const result = await gradeSubmission({ spec, code: example, language: "javascript", seed: 7 });
    assert.equal(result.status, "passed", result.message);
    assert.match(result.receipt?.backend ?? "", /-replay\//, "the receipt says the score came from the recorded pass");
  });

  it("gives the recorded pass of the learner's layer the score the scorer gives the built-in layer it reimplements", async () => {
    // Untrained, so both hold the same initial weights (same initialisers, same seeded draws); training
    // would let the fused and the separate kernels' rounding grow apart over the epochs.
    const reference = await gradeSubmission({ spec, code: builtIn(0), language: "javascript", seed: 7 });
    const own = await gradeSubmission({ spec, code: custom(LINEAR, 0), language: "javascript", seed: 7 });
    const [expected, actual] = [reference.metrics?.mse, own.metrics?.mse];
    assert.ok(expected !== undefined && actual !== undefined, `${reference.message} / ${own.message}`);
    assert.ok(Math.abs(actual - expected) <= 1e-6 * expected, `built-in ${expected}, own layer ${actual}`);
  });

  it("refuses a recording that holds more values than the model's parameters and the margin; a filled constant counts once", async () => {
    // 5,000 distinct values made in JavaScript, multiplied away: they change nothing the model predicts but would be
    // stored in the recording, as a lookup table would.
    const table = "tf.sum(tf.tensor1d(Array.from({ length: 5000 }, (_, i) => i % 7)).mul(0))";
    const refused = await gradeSubmission({
      spec,
      code: custom(`${LINEAR}.add(${table})`, 2),
      language: "javascript",
      seed: 7,
    });
    assert.equal(refused.failureCode, "too_many_parameters", refused.message);
    const allowed = 9 + TRACE_CONSTANT_MARGIN;
    assert.ok(
      refused.message.includes(`it may read ${allowed}: its 9 parameters plus ${TRACE_CONSTANT_MARGIN}`),
      refused.message,
    );
    // An RNN-style zero state far larger than the margin holds one value and is recorded as that value.
    const zeros = "tf.sum(tf.zeros([128, 5000]))";
    const filled = await gradeSubmission({
      spec,
      code: custom(`${LINEAR}.add(${zeros})`, 2),
      language: "javascript",
      seed: 7,
    });
    assert.ok(filled.score !== null, `${filled.failureCode}: ${filled.message}`);
    assert.match(filled.receipt?.backend ?? "", /-replay\//);
  });

  it("fails a layer whose output depends on values read into JavaScript, with the reason", async () => {
    // Scales each batch by its own first value: the recording would freeze that value as a constant.
    const result = await gradeSubmission({
      spec,
      code: custom("tf.matMul(x, this.kernel.read()).mul(Math.abs(x.dataSync()[0]) + 1).add(this.bias.read())", 2),
      language: "javascript",
      seed: 7,
    });
    assert.equal(result.status, "failed", result.message);
    assert.equal(result.failureKind, "learner");
    assert.equal(result.failureCode, "untraceable_model", result.message);
    assert.match(result.message, /LearnerLinear/);
    assert.match(result.message, /dataSync/);
  });
});
