// Runs inside the sandbox, after training, within the same walls: rebuilds the learner's saved
// model from model.json with TensorFlow.js's and the platform's layers, or replays its recorded
// forward pass (forward-trace.mjs), and predicts the held-out INPUTS the grader wrote. The labels
// never come here: the grader outside reads the predictions back and computes the metric itself.
//
// A learner's model.json and recording are hostile input to TensorFlow.js: a layer config can ask
// for any amount of memory, and a recorded kernel given settings no op would produce may read or
// write outside its tensors in the wasm heap. That is why they are handled here and not in the
// grader's process. Nothing this process writes is believed beyond the predictions' size and
// shape, which the grader checks again, and its messages, which are shown to the learner.
//
// stdout carries one line, artefact_start, written (blocking) right before the first learner file
// is read: until then only the platform's code has run on the grader's files, so a run that ends
// before it is the platform's failure, and from it on any ending is the learner's.
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { createConstantTensors, replayForwardTrace } from "./forward-trace.mjs";
import { registerPlatformLayers } from "./platform-layers.mjs";

const [configFile, inputsFile, modelDir, predictionsFile, reportFile, nativeKernels, nativeAddon] =
  process.argv.slice(2);
/**
 * { mode: "rebuild" | "replay", inputs: { shape, dtype }, outputTails: number[][], outputDescription,
 *   nativeThreads?: number } (with the native engine's bundle and addon as the last two arguments)
 */
const config = JSON.parse(fs.readFileSync(configFile, "utf8"));
const REBUILD_BATCH = 1024;
const MAX_MESSAGE_CHARS = 2_000;

class ArtefactFailure extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function writeReport(report) {
  fs.writeFileSync(reportFile, JSON.stringify(report));
}

function errorText(error) {
  return (error instanceof Error ? error.message : String(error)).slice(0, MAX_MESSAGE_CHARS);
}

/** Single-threaded wasm gives the same bits on every run; the pure-JS engine covers kernels wasm lacks. */
async function chooseBackend(tf, kernels) {
  for (const name of ["wasm", "cpu"]) {
    if (!kernels.every((kernel) => tf.getKernel(kernel, name) !== undefined)) continue;
    if (await tf.setBackend(name)) return name;
  }
  const missing = kernels.filter((kernel) => tf.getKernel(kernel, "cpu") === undefined);
  throw new ArtefactFailure(
    "trace_replay_failed",
    `the recording uses operations the scorer's TensorFlow.js does not have: ${missing.join(", ")}`,
  );
}

function describeShape(shape) {
  return `[${shape.map((d) => (d === null || d === undefined ? "batch" : String(d))).join(", ")}]`;
}

/** A symbolic dimension (null) matches any size. */
function isShape(actual, expected) {
  return actual.length === expected.length && actual.every((d, i) => d === null || d === expected[i]);
}

function isExpectedOutputTail(tail) {
  return config.outputTails.some((expected) => isShape(tail, expected));
}

function readInputs() {
  const bytes = fs.readFileSync(inputsFile);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return {
    data: config.inputs.dtype === "float32" ? new Float32Array(copy.buffer) : new Int32Array(copy.buffer),
    shape: config.inputs.shape,
    dtype: config.inputs.dtype,
  };
}

function readModelFile(name) {
  return fs.readFileSync(`${modelDir}/${name}`);
}

/** The platform's code only, on the platform's files; a failure here is the platform's. */
async function startTensorFlow() {
  const tf = await import("@tensorflow/tfjs");
  await import("@tensorflow/tfjs-backend-wasm");
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend failed to initialise");
  await tf.ready();
  // The native engine's kernels go in front of the wasm backend's; the addon is the one file the
  // sandbox lets load, verified by the grader (grader/sandbox/native-addons.ts).
  if (nativeKernels && nativeAddon) {
    const { startNativeEngine } = await import(pathToFileURL(nativeKernels).href);
    startNativeEngine(nativeAddon, config.nativeThreads ?? 1);
  }
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.eye(2)).dataSync());
  if (product.join(",") !== "1,2,3,4") throw new Error(`the wasm backend computed [${product.join(", ")}]`);
  registerPlatformLayers(tf);
  return tf;
}

async function predictRebuilt(tf, xs) {
  const modelJson = JSON.parse(readModelFile("model.json").toString("utf8"));
  const weights = readModelFile("weights.bin");
  let model;
  try {
    // Only TensorFlow.js's and the platform's classes are registered: a topology naming any other
    // class fails to deserialise, so no JavaScript of the learner's can run here.
    model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      }),
    );
  } catch (error) {
    throw new ArtefactFailure("corrupt_model", `The saved model could not be loaded: ${errorText(error)}`);
  }
  const rowShape = xs.shape.slice(1);
  const input = model.inputs[0];
  if (model.inputs.length !== 1 || !input || !isShape(input.shape.slice(1), rowShape)) {
    const got = model.inputs.map((i) => describeShape(i.shape)).join(", ");
    throw new ArtefactFailure(
      "wrong_input_shape",
      `The model takes ${got} but the data is ${describeShape([null, ...rowShape])}.`,
    );
  }
  const output = model.outputs[0];
  const outputTail = (output?.shape ?? []).slice(1);
  if (model.outputs.length !== 1 || !isExpectedOutputTail(outputTail)) {
    throw new ArtefactFailure(
      "wrong_output_shape",
      `The model outputs ${model.outputs.map((o) => describeShape(o.shape)).join(", ")} ` +
        `but this assignment needs ${config.outputDescription}.`,
    );
  }
  // A symbolic size in the model's output shape takes the size the assignment expects there.
  const resolvedTail = config.outputTails.find((expected) => isShape(outputTail, expected));
  const perRow = resolvedTail.reduce((a, b) => a * b, 1);
  const rows = xs.shape[0];
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  const outputs = new Float32Array(rows * perRow);
  try {
    for (let start = 0; start < rows; start += REBUILD_BATCH) {
      const count = Math.min(REBUILD_BATCH, rows - start);
      const batch = tf.tidy(() => {
        const inputs = tf.tensor(
          xs.data.subarray(start * rowSize, (start + count) * rowSize),
          [count, ...rowShape],
          xs.dtype,
        );
        const predicted = model.predict(inputs);
        const out = Array.isArray(predicted) ? predicted[0] : predicted;
        if (!isShape(out.shape.slice(1), resolvedTail))
          throw new ArtefactFailure(
            "wrong_output_shape",
            `The model outputs ${describeShape([null, ...out.shape.slice(1)])} ` +
              `but this assignment needs ${config.outputDescription}.`,
          );
        return out.reshape([count * perRow]).dataSync();
      });
      outputs.set(batch, start * perRow);
    }
  } finally {
    model.dispose();
  }
  return { outputs, outputTail: resolvedTail };
}

async function predictReplayed(tf, xs) {
  const trace = JSON.parse(readModelFile("trace.json").toString("utf8"));
  const constantBytes = new Uint8Array(readModelFile("trace.bin"));
  await chooseBackend(tf, [...new Set(trace.steps.map((step) => step.kernel))]);
  await tf.ready();
  const { batch } = trace;
  const rowShape = xs.shape.slice(1);
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  const rows = xs.shape[0];
  const constants = createConstantTensors(tf, trace, constantBytes);
  let outputs = null;
  let outputTail = null;
  for (let start = 0; start < rows; start += batch) {
    const count = Math.min(batch, rows - start);
    // The recording is for a full batch; the last one is padded with zeros and the padding's outputs dropped.
    const values = xs.dtype === "float32" ? new Float32Array(batch * rowSize) : new Int32Array(batch * rowSize);
    values.set(xs.data.subarray(start * rowSize, (start + count) * rowSize));
    const input = tf.tensor(values, [batch, ...rowShape], xs.dtype);
    const output = replayForwardTrace(tf, trace, constants, input);
    input.dispose();
    if (output.shape[0] !== batch)
      throw new ArtefactFailure(
        "trace_replay_failed",
        `the recording's output has shape ${describeShape(output.shape)}, not one row per example`,
      );
    if (outputTail === null) {
      outputTail = output.shape.slice(1);
      if (!isExpectedOutputTail(outputTail))
        throw new ArtefactFailure(
          "wrong_output_shape",
          `The model outputs ${describeShape([null, ...outputTail])} but this assignment needs ${config.outputDescription}.`,
        );
    }
    const perRow = outputTail.reduce((a, b) => a * b, 1);
    outputs ??= new Float32Array(rows * perRow);
    outputs.set(output.dataSync().subarray(0, count * perRow), start * perRow);
    output.dispose();
  }
  return { outputs: outputs ?? new Float32Array(0), outputTail: outputTail ?? [] };
}

/** The learner's message for a failure: each kind of artefact has its own code and wording for the unexpected. */
function failureReport(error) {
  if (error instanceof ArtefactFailure && error.code !== "trace_replay_failed")
    return { ok: false, code: error.code, message: error.message };
  if (config.mode === "replay")
    return {
      ok: false,
      code: "trace_replay_failed",
      message: `Replaying your model's recorded forward pass on the held-out data failed: ${errorText(error)}`,
    };
  return {
    ok: false,
    code: "corrupt_model",
    message: `Predicting the held-out data with your saved model failed: ${errorText(error)}`,
  };
}

const tf = await startTensorFlow();
const xs = readInputs();
process.stdout.write(`${JSON.stringify({ type: "artefact_start" })}\n`);
try {
  const predicted = config.mode === "replay" ? await predictReplayed(tf, xs) : await predictRebuilt(tf, xs);
  fs.writeFileSync(predictionsFile, predicted.outputs);
  writeReport({ ok: true, backend: tf.getBackend(), outputTail: predicted.outputTail });
} catch (error) {
  writeReport(failureReport(error));
}
process.exit(0);
