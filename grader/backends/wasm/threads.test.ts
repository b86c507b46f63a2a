// Runs in its own process (node --test starts one per file): the wasm backend's thread pool is
// fixed when the backend first starts.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { getThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { registerWasmTrainingKernels } from "./register-training-kernels";
import { assertClose, compareWithCpu, floatInput, imageData, smallCnn, trainedWeights } from "./test-support";
import { initWasmBackend } from "./threads";

// Registered before the backend starts, the order the sandbox harness uses (the other tests
// register after), so both orders are covered.
before(async () => {
  registerWasmTrainingKernels();
  assert.ok(await initWasmBackend(2), "the threaded wasm backend failed to start");
});

describe("wasm on two XNNPACK threads", () => {
  it("starts a pool of two threads", () => assert.equal(getThreadsCount(), 2));

  it("reductions, matmuls and gathers that fall back to the backend's own kernels still work", () =>
    compareWithCpu("fallbacks", [floatInput(202, [3, 4, 5]), floatInput(203, [5, 6])], (x, w) =>
      tf.add(
        tf.sum(tf.matMul(tf.reshape(x, [12, 5]), w), -1),
        tf.mean(tf.gather(tf.reshape(x, [12, 5]), tf.tensor1d([3, 0, 3], "int32"))),
      ),
    ));

  it("convolution gradients still match cpu", () =>
    compareWithCpu("threaded conv", [floatInput(200, [4, 16, 16, 16]), floatInput(201, [3, 3, 16, 32])], (x, f) =>
      tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, "same"),
    ));

  it("trains the small CNN to the same weights as cpu, identically on every run", async () => {
    const first = await trainedWeights("wasm", smallCnn, imageData);
    const second = await trainedWeights("wasm", smallCnn, imageData);
    assert.deepEqual(second, first);
    const expected = await trainedWeights("cpu", smallCnn, imageData);
    expected.forEach((w, i) => assertClose(first[i] ?? [], w, `threaded CNN weight ${i}`));
  });
});
