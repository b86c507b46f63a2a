// The scorer's replay of a recorded forward pass (grader/harness/forward-trace.mjs), in a process
// of its own: the recording's kernel settings come from the sandbox, and a kernel given settings
// that no op would have produced may read or write outside its tensors in the wasm heap. Here that
// heap lives and dies with one submission, and never holds another learner's weights or scores.
// It receives the recording and the held-out INPUTS (never the labels), answers with the outputs
// and waits to be killed.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { createConstantTensors, replayForwardTrace } from "../harness/forward-trace.mjs";

/** Single-threaded wasm gives the same bits on every run; the pure-JS engine covers kernels wasm lacks. */
async function chooseBackend(kernels) {
  for (const name of ["wasm", "cpu"]) {
    if (!kernels.every((kernel) => tf.getKernel(kernel, name) !== undefined)) continue;
    if (await tf.setBackend(name)) return name;
  }
  const missing = kernels.filter((kernel) => tf.getKernel(kernel, "cpu") === undefined);
  throw new Error(`the recording uses operations the scorer's TensorFlow.js does not have: ${missing.join(", ")}`);
}

function replay({ trace, constantBytes, xs }) {
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
      throw new Error(`the recording's output has shape [${output.shape}], not one row per example`);
    outputTail ??= output.shape.slice(1);
    const perRow = outputTail.reduce((a, b) => a * b, 1);
    outputs ??= new Float32Array(rows * perRow);
    outputs.set(output.dataSync().subarray(0, count * perRow), start * perRow);
    output.dispose();
  }
  return { outputs: outputs ?? new Float32Array(0), outputTail: outputTail ?? [] };
}

process.once("message", async (request) => {
  try {
    const kernels = [...new Set(request.trace.steps.map((step) => step.kernel))];
    const backend = await chooseBackend(kernels);
    await tf.ready();
    process.send({ ok: true, backend, ...replay(request) });
  } catch (error) {
    process.send({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
