// The native engine's kernels against the pure-JavaScript cpu backend, on the same seeded inputs
// and tolerances as the wasm kernels, then whole models trained on both. On a machine where npm
// install could not build the addon (no oneDNN), what is tested is the fall-back to wasm instead.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import {
  assertClose,
  assertNoLeakPerEpoch,
  compareWithCpu,
  floatInput,
  imageData,
  type Input,
  sequenceData,
  sequenceModel,
  smallCnn,
  trainedWeights,
  useWasmWithTrainingKernels,
} from "../wasm/test-support";
import { trainingEngineSummary } from "@/grader/pipeline/engine-summary";
import { selectBackend } from "../select-backend";
import { ADDON_FILE, readNativeBuildStatus } from "./native-engine-build";
import { loadNativeKernels } from "./native-kernels";
import { registerNativeKernels } from "./register-native-kernels";

const build = readNativeBuildStatus();

/**
 * The native engine's tests, registered only where npm install built it; a machine without it
 * tests the fallback below instead, so neither kind of machine skips anything.
 */
function describeNative(name: string, body: () => void): void {
  if (build.isBuilt) describe(name, body);
}

if (!build.isBuilt) {
  describe("a machine where npm install could not build the native engine", () => {
    it("records why, and the grader trains on wasm and says why in its one line", async () => {
      assert.ok(build.reason.length > 0);
      assert.equal(trainingEngineSummary(), `wasm, because the native engine is not built: ${build.reason}`);
      assert.equal((await selectBackend()).name, "wasm");
    });
  });
}

before(async () => {
  if (!build.isBuilt) return;
  await useWasmWithTrainingKernels();
  registerNativeKernels(loadNativeKernels(ADDON_FILE), 1);
});

const constant = (input: Input): Input => ({ ...input, differentiable: false });

describeNative("native conv2d matches cpu (value, input and filter gradients)", () => {
  const cases: {
    x: [number, number, number, number];
    f: [number, number, number, number];
    stride: number | [number, number];
    pad: "valid" | "same" | number;
  }[] = [
    { x: [2, 9, 9, 1], f: [3, 3, 1, 4], stride: 1, pad: "valid" },
    { x: [2, 9, 8, 3], f: [3, 3, 3, 5], stride: 1, pad: "same" },
    { x: [1, 10, 11, 6], f: [3, 3, 6, 4], stride: 2, pad: "valid" },
    { x: [2, 11, 10, 6], f: [3, 2, 6, 3], stride: [2, 3], pad: "same" },
    { x: [1, 12, 12, 8], f: [5, 5, 8, 2], stride: 3, pad: "same" },
    { x: [2, 7, 7, 4], f: [1, 1, 4, 6], stride: 1, pad: "valid" },
    { x: [1, 9, 9, 5], f: [4, 4, 5, 3], stride: 1, pad: 2 },
    { x: [4, 28, 28, 16], f: [3, 3, 16, 32], stride: 1, pad: "same" },
  ];
  for (const [i, c] of cases.entries()) {
    it(`x ${c.x} filter ${c.f} stride ${c.stride} pad ${c.pad}`, () =>
      compareWithCpu(`conv ${i}`, [floatInput(i + 1, c.x), floatInput(i + 100, c.f)], (x, f) =>
        tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.stride, c.pad),
      ));
  }

  it("dilated forward values", async () => {
    for (const [i, pad] of (["valid", "same"] as const).entries()) {
      await compareWithCpu(
        `dilated ${pad}`,
        [constant(floatInput(i + 7, [2, 11, 11, 3])), constant(floatInput(i + 8, [3, 3, 3, 4]))],
        (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, pad, "NHWC", 2),
      );
    }
  });

  for (const activation of ["linear", "relu", "elu"] as const) {
    it(`fused with a bias and ${activation} (elu falls back to the wasm kernel)`, () =>
      compareWithCpu(
        `fused ${activation}`,
        [floatInput(31, [2, 8, 8, 3]), floatInput(32, [3, 3, 3, 4]), floatInput(33, [4])],
        (x, f, bias) =>
          tf.fused.conv2d({
            x: x as tf.Tensor4D,
            filter: f as tf.Tensor4D,
            strides: 1,
            pad: "same",
            bias,
            activation,
          }),
      ));
  }
});

describeNative("native matMul matches cpu", () => {
  const cases: { a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }[] = [
    { a: [7, 5], b: [5, 3], transposeA: false, transposeB: false },
    { a: [5, 7], b: [5, 3], transposeA: true, transposeB: false },
    { a: [7, 5], b: [3, 5], transposeA: false, transposeB: true },
    { a: [5, 7], b: [3, 5], transposeA: true, transposeB: true },
    { a: [4, 6, 5], b: [4, 5, 3], transposeA: false, transposeB: false },
    { a: [2, 3, 6, 5], b: [2, 3, 3, 5], transposeA: false, transposeB: true },
    { a: [64, 784], b: [784, 128], transposeA: false, transposeB: false },
  ];
  for (const [i, c] of cases.entries()) {
    it(`${c.a} x ${c.b}${c.transposeA ? " (a transposed)" : ""}${c.transposeB ? " (b transposed)" : ""}`, () =>
      compareWithCpu(`matmul ${i}`, [floatInput(i + 40, c.a), floatInput(i + 60, c.b)], (a, b) =>
        tf.matMul(a, b, c.transposeA, c.transposeB),
      ));
  }

  // TensorFlow.js's own BatchMatMul gradient does not sum over a broadcast batch, so broadcasts
  // are compared by value; the last one (batch [2,1] with [1,3]) falls back to the wasm kernel.
  const broadcasts: [number[], number[]][] = [
    [
      [4, 6, 5],
      [5, 3],
    ],
    [
      [6, 5],
      [4, 5, 3],
    ],
    [
      [2, 1, 6, 5],
      [1, 3, 5, 4],
    ],
  ];
  for (const [i, [a, b]] of broadcasts.entries()) {
    it(`broadcast ${a} x ${b}`, () =>
      compareWithCpu(`broadcast ${i}`, [constant(floatInput(i + 50, a)), constant(floatInput(i + 55, b))], (x, y) =>
        tf.matMul(x, y),
      ));
  }

  for (const activation of ["linear", "relu", "sigmoid"] as const) {
    it(`fused with a bias and ${activation}`, () =>
      compareWithCpu(
        `fused matmul ${activation}`,
        [floatInput(71, [9, 6]), floatInput(72, [6, 4]), floatInput(73, [4])],
        (a, b, bias) => tf.fused.matMul({ a, b, bias, activation }),
      ));
  }
});

describeNative("native pooling matches cpu", () => {
  const cases: { x: [number, number, number, number]; size: number; stride: number; pad: "valid" | "same" }[] = [
    { x: [2, 8, 8, 3], size: 2, stride: 2, pad: "valid" },
    { x: [1, 9, 9, 4], size: 3, stride: 2, pad: "valid" },
    { x: [2, 7, 6, 2], size: 2, stride: 1, pad: "same" },
    { x: [2, 24, 24, 32], size: 2, stride: 2, pad: "valid" },
  ];
  for (const [i, c] of cases.entries()) {
    it(`max pool x ${c.x} size ${c.size} stride ${c.stride} pad ${c.pad}`, () =>
      compareWithCpu(`max pool ${i}`, [floatInput(i + 80, c.x)], (x) =>
        tf.maxPool(x as tf.Tensor4D, c.size, c.stride, c.pad),
      ));
    it(`average pool x ${c.x} size ${c.size} stride ${c.stride} pad ${c.pad}`, () =>
      compareWithCpu(`avg pool ${i}`, [floatInput(i + 90, c.x)], (x) =>
        tf.avgPool(x as tf.Tensor4D, c.size, c.stride, c.pad),
      ));
  }
});

describeNative("native elementwise kernels match cpu", () => {
  for (const [name, f] of [
    ["tanh", tf.tanh],
    ["sigmoid", tf.sigmoid],
    ["relu", tf.relu],
    ["exp", tf.exp],
    ["clipByValue", (x: tf.Tensor) => tf.clipByValue(x, -0.3, 0.6)],
  ] as const) {
    it(`${name} (value and gradient)`, () => compareWithCpu(name, [floatInput(120, [7, 33])], (x) => f(x)));
  }

  // Equal lengths, a bias along the last axis, a scalar either side, a block repeated along
  // leading axes, and a partial broadcast the addon does not take (the wasm kernel does).
  const shapes: [number[], number[]][] = [
    [
      [6, 17],
      [6, 17],
    ],
    [[6, 17], [17]],
    [[6, 17], []],
    [[], [6, 17]],
    [
      [1, 17],
      [4, 6, 17],
    ],
    [
      [6, 1],
      [1, 17],
    ],
  ];
  for (const [name, f] of [
    ["add", tf.add],
    ["sub", tf.sub],
    ["mul", tf.mul],
    ["div", tf.div],
    ["maximum", tf.maximum],
    ["minimum", tf.minimum],
  ] as const) {
    // TensorFlow.js's own gradients of maximum and minimum do not sum over a broadcast, so those
    // are compared by value.
    const hasGradient = (a: number[], b: number[]) => !/max|min/.test(name) || tf.util.arraysEqual(a, b);
    it(`${name} over every broadcast (values and gradients)`, async () => {
      for (const [i, [a, b]] of shapes.entries()) {
        const inputs = [floatInput(130 + i, a), floatInput(140 + i, b)];
        await compareWithCpu(`${name} ${a} ${b}`, hasGradient(a, b) ? inputs : inputs.map(constant), (x, y) => f(x, y));
      }
    });
  }

  it("comparisons, logicalAnd and where give the cpu backend's booleans and picks", async () => {
    for (const [i, [a, b]] of shapes.entries()) {
      const inputs = [constant(floatInput(150 + i, a)), constant(floatInput(160 + i, b))];
      for (const [name, f] of [
        ["greater", tf.greater],
        ["greaterEqual", tf.greaterEqual],
        ["less", tf.less],
        ["lessEqual", tf.lessEqual],
      ] as const)
        await compareWithCpu(`${name} ${a} ${b}`, inputs, (x, y) => f(x, y).toFloat());
      await compareWithCpu(`equal ${a} ${b}`, inputs, (x, y) => tf.equal(tf.round(x), tf.round(y)).toFloat());
      await compareWithCpu(`logicalAnd ${a} ${b}`, inputs, (x, y) =>
        tf.logicalAnd(tf.greater(x, 0), tf.less(y, 0.5)).toFloat(),
      );
    }
    await compareWithCpu(
      "where",
      [floatInput(170, [5, 9]), floatInput(171, [5, 9]), constant(floatInput(172, [5, 9]))],
      (t, e, c) => tf.where(tf.greater(c, 0), t, e),
    );
  });

  it("NaN stays NaN through maximum, minimum and clipByValue", () => {
    const values = tf.tidy(() => {
      const x = tf.tensor1d([NaN, 1, NaN]);
      const y = tf.tensor1d([0, NaN, NaN]);
      return [tf.maximum(x, y), tf.minimum(x, y), tf.clipByValue(x, 0, 0.5)].map((t) => [...t.dataSync()]);
    });
    for (const row of values.slice(0, 2)) assert.ok(row.every(Number.isNaN), `got ${row.join(", ")}`);
    assert.ok(Number.isNaN(values[2]?.[0]) && values[2]?.[1] === 0.5);
  });
});

describeNative("training on the native engine", () => {
  for (const [name, model, data] of [
    ["CNN (conv, pooling, batch-norm)", smallCnn, imageData],
    ["LSTM", () => sequenceModel("lstm"), sequenceData],
    ["GRU", () => sequenceModel("gru"), sequenceData],
    ["layer-norm + dense over embeddings", () => sequenceModel("attention"), sequenceData],
  ] as const) {
    it(`${name}: weights after two epochs match the cpu backend`, async () => {
      const expected = await trainedWeights("cpu", model, data);
      const actual = await trainedWeights("wasm", model, data);
      expected.forEach((w, i) => assertClose(actual[i] ?? [], w, `${name} weight ${i}`));
    });
  }

  for (const threads of [1, 2]) {
    it(`is reproducible on ${threads} thread(s): same seeds give identical weights and loss`, async () => {
      const addon = loadNativeKernels(ADDON_FILE);
      addon.setThreads(threads);
      try {
        const first = await trainedWeights("wasm", smallCnn, imageData);
        const second = await trainedWeights("wasm", smallCnn, imageData);
        assert.deepEqual(second, first);
      } finally {
        addon.setThreads(1);
      }
    });
  }

  for (const [name, build, data] of [
    ["CNN", smallCnn, imageData],
    ["LSTM", () => sequenceModel("lstm"), sequenceData],
  ] as const)
    it(`${name}: live tensors and heap buffers are the same after every epoch (no leaks)`, () =>
      assertNoLeakPerEpoch(build, data));
});
