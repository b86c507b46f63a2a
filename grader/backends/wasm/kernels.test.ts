import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { compareWithCpu, floatInput, type Input, useWasmWithTrainingKernels } from "./test-support";

before(useWasmWithTrainingKernels);

const constant = (input: Input): Input => ({ ...input, differentiable: false });

type Pad = "valid" | "same" | number;

describe("conv2d on wasm matches cpu (value, input and filter gradients)", () => {
  const cases: {
    x: [number, number, number, number];
    f: [number, number, number, number];
    stride: number | [number, number];
    pad: Pad;
  }[] = [
    { x: [2, 9, 9, 1], f: [3, 3, 1, 4], stride: 1, pad: "valid" },
    { x: [2, 9, 8, 3], f: [3, 3, 3, 5], stride: 1, pad: "same" },
    { x: [1, 10, 11, 6], f: [3, 3, 6, 4], stride: 2, pad: "valid" },
    { x: [2, 11, 10, 6], f: [3, 2, 6, 3], stride: [2, 3], pad: "same" },
    { x: [1, 12, 12, 8], f: [5, 5, 8, 2], stride: 3, pad: "same" },
    { x: [2, 7, 7, 4], f: [1, 1, 4, 6], stride: 1, pad: "valid" },
    { x: [1, 8, 9, 4], f: [1, 1, 4, 3], stride: 2, pad: "valid" },
    { x: [1, 9, 9, 5], f: [4, 4, 5, 3], stride: 1, pad: 2 },
    { x: [2, 13, 13, 32], f: [3, 3, 32, 16], stride: 1, pad: "valid" },
  ];
  for (const [i, c] of cases.entries()) {
    it(`x ${c.x} filter ${c.f} stride ${c.stride} pad ${c.pad}`, () =>
      compareWithCpu(`conv ${i}`, [floatInput(i + 1, c.x), floatInput(i + 100, c.f)], (x, f) =>
        tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.stride, c.pad),
      ));
  }

  // tfjs itself has no gradient for dilated convolutions, so only their values are compared.
  it("dilated forward values", async () => {
    for (const [i, pad] of (["valid", "same"] as const).entries()) {
      await compareWithCpu(
        `dilated ${pad}`,
        [constant(floatInput(i + 7, [2, 11, 11, 3])), constant(floatInput(i + 8, [3, 3, 3, 4]))],
        (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, pad, "NHWC", 2),
      );
    }
  });
});

describe("depthwise conv2d on wasm matches cpu", () => {
  const cases: {
    x: [number, number, number, number];
    f: [number, number, number, number];
    stride: number;
    pad: "valid" | "same";
  }[] = [
    { x: [2, 8, 8, 3], f: [3, 3, 3, 1], stride: 1, pad: "valid" },
    { x: [1, 9, 9, 4], f: [3, 3, 4, 2], stride: 2, pad: "same" },
    { x: [2, 7, 6, 2], f: [2, 2, 2, 3], stride: 1, pad: "same" },
  ];
  for (const [i, c] of cases.entries()) {
    it(`x ${c.x} filter ${c.f} stride ${c.stride} pad ${c.pad}`, () =>
      compareWithCpu(`depthwise ${i}`, [floatInput(i + 20, c.x), floatInput(i + 30, c.f)], (x, f) =>
        tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.stride, c.pad),
      ));
  }
});

describe("pooling gradients on wasm match cpu", () => {
  const cases: { x: [number, number, number, number]; size: number; stride: number; pad: "valid" | "same" }[] = [
    { x: [2, 8, 8, 3], size: 2, stride: 2, pad: "valid" },
    { x: [2, 11, 11, 4], size: 2, stride: 2, pad: "valid" },
    { x: [1, 9, 10, 2], size: 3, stride: 2, pad: "same" },
    { x: [1, 7, 7, 3], size: 3, stride: 1, pad: "valid" },
    { x: [2, 6, 9, 2], size: 2, stride: 3, pad: "same" },
  ];
  for (const [i, c] of cases.entries()) {
    it(`maxPool x ${c.x} size ${c.size} stride ${c.stride} pad ${c.pad}`, () =>
      compareWithCpu(`maxPool ${i}`, [floatInput(i + 40, c.x)], (x) =>
        tf.maxPool(x as tf.Tensor4D, c.size, c.stride, c.pad),
      ));
    it(`avgPool x ${c.x} size ${c.size} stride ${c.stride} pad ${c.pad}`, () =>
      compareWithCpu(`avgPool ${i}`, [floatInput(i + 50, c.x)], (x) =>
        tf.avgPool(x as tf.Tensor4D, c.size, c.stride, c.pad),
      ));
  }
});

describe("matMul on wasm matches cpu for every transpose and batch layout", () => {
  const cases: { a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [
    { a: [5, 7], b: [7, 3], ta: false, tb: false },
    { a: [7, 5], b: [7, 3], ta: true, tb: false },
    { a: [5, 7], b: [3, 7], ta: false, tb: true },
    { a: [7, 5], b: [3, 7], ta: true, tb: true },
    { a: [4, 5, 7], b: [4, 7, 3], ta: false, tb: false },
    { a: [2, 3, 7, 5], b: [2, 3, 6, 7], ta: true, tb: true },
    // Large enough pairs to run as one GEMM each.
    { a: [3, 2, 20, 24], b: [3, 2, 24, 16], ta: false, tb: false },
    { a: [4, 24, 20], b: [4, 16, 24], ta: true, tb: true },
  ];
  // tfjs has no gradient for matMuls that broadcast a batch; their values still take the folded path.
  const broadcast: typeof cases = [
    { a: [4, 5, 7], b: [7, 3], ta: false, tb: false },
    { a: [4, 7, 5], b: [1, 3, 7], ta: true, tb: true },
  ];
  for (const [i, c] of cases.entries()) {
    it(`a ${c.a}${c.ta ? "ᵀ" : ""} b ${c.b}${c.tb ? "ᵀ" : ""}`, () =>
      compareWithCpu(`matMul ${i}`, [floatInput(i + 60, c.a), floatInput(i + 70, c.b)], (a, b) =>
        tf.matMul(a, b, c.ta, c.tb),
      ));
  }
  for (const [i, c] of broadcast.entries()) {
    it(`a ${c.a}${c.ta ? "ᵀ" : ""} b ${c.b}${c.tb ? "ᵀ" : ""} (values)`, () =>
      compareWithCpu(
        `broadcast matMul ${i}`,
        [constant(floatInput(i + 75, c.a)), constant(floatInput(i + 76, c.b))],
        (a, b) => tf.matMul(a, b, c.ta, c.tb),
      ));
  }
});

describe("gather and its segment-sum gradient on wasm match cpu", () => {
  const ids = (values: number[], shape: number[]): Input => ({
    shape,
    values: Int32Array.from(values),
    differentiable: false,
  });
  it("embedding lookup with repeated ids", () =>
    compareWithCpu("gather", [floatInput(80, [6, 4]), ids([0, 5, 2, 2, 5, 5, 1, 0], [2, 4])], (table, i) =>
      tf.gather(table, i),
    ));
  it("gather of a whole batch of token ids from a wide table", () =>
    compareWithCpu(
      "gather batch",
      [
        floatInput(83, [50, 8]),
        ids(
          Array.from({ length: 60 }, (_, i) => (i * 37) % 50),
          [6, 10],
        ),
      ],
      (table, i) => tf.gather(table, i),
    ));
  it("gather rejects an id outside the table, as cpu does", async () => {
    await useWasmWithTrainingKernels();
    assert.throws(
      () => tf.tidy(() => tf.gather(tf.zeros([4, 2]), tf.tensor1d([1, 4], "int32"))),
      /index value 4 is not in \[0, 3\]/,
    );
  });
  it("gather on an inner axis", () =>
    compareWithCpu("gather axis 1", [floatInput(81, [3, 5, 2]), ids([4, 0, 4], [3])], (t, i) => tf.gather(t, i, 1)));
  // Its own gradient is a gather, which rejects such ids, so values only.
  it("unsortedSegmentSum drops ids outside [0, numSegments)", () =>
    compareWithCpu("segments", [constant(floatInput(82, [7, 3])), ids([0, 3, -1, 3, 5, 1, 0], [7])], (x, i) =>
      tf.unsortedSegmentSum(x, i as tf.Tensor1D, 4),
    ));
});

describe("tile and its gradient on wasm match cpu", () => {
  const cases = [
    [[3], [4]],
    [
      [2, 3],
      [3, 2],
    ],
    [
      [1, 1, 4],
      [5, 6, 1],
    ],
    [
      [2, 1, 2, 3],
      [1, 3, 2, 2],
    ],
    [
      [6, 5, 1],
      [1, 1, 7],
    ],
  ] as const;
  for (const [i, [shape, reps]] of cases.entries()) {
    it(`shape ${shape} reps ${reps}`, () =>
      compareWithCpu(`tile ${i}`, [floatInput(i + 90, [...shape])], (x) => tf.tile(x, [...reps])));
  }
});

describe("separable conv2d (depthwise then pointwise) on wasm matches cpu", () => {
  const cases: {
    x: [number, number, number, number];
    depth: [number, number, number, number];
    out: number;
    stride: number;
    pad: "valid" | "same";
  }[] = [
    { x: [2, 8, 8, 3], depth: [3, 3, 3, 2], out: 4, stride: 1, pad: "same" },
    { x: [1, 9, 7, 4], depth: [3, 3, 4, 1], out: 5, stride: 2, pad: "valid" },
  ];
  for (const [i, c] of cases.entries()) {
    it(`x ${c.x} depthwise ${c.depth} pointwise to ${c.out} stride ${c.stride} pad ${c.pad}`, () =>
      compareWithCpu(
        `separable ${i}`,
        [
          floatInput(i + 110, c.x),
          floatInput(i + 111, c.depth),
          floatInput(i + 112, [1, 1, c.depth[2] * c.depth[3], c.out]),
        ],
        (x, depthwise, pointwise) =>
          tf.separableConv2d(x as tf.Tensor4D, depthwise as tf.Tensor4D, pointwise as tf.Tensor4D, c.stride, c.pad),
      ));
  }
});

describe("sum and mean on wasm match cpu (leading axes take the GEMM path)", () => {
  const cases: { shape: number[]; axis: number | number[]; keepDims: boolean }[] = [
    { shape: [2, 5, 6, 3], axis: [0, 1, 2], keepDims: false },
    { shape: [2, 5, 6, 3], axis: [1, 0], keepDims: true },
    { shape: [7, 4], axis: 0, keepDims: false },
    { shape: [3, 4, 5], axis: [0, 2], keepDims: false },
    { shape: [3, 4, 5], axis: -1, keepDims: true },
    { shape: [6], axis: 0, keepDims: false },
  ];
  for (const [i, c] of cases.entries()) {
    it(`shape ${c.shape} axis ${c.axis}${c.keepDims ? " keepDims" : ""}`, async () => {
      await compareWithCpu(`sum ${i}`, [floatInput(i + 120, c.shape)], (x) => tf.sum(x, c.axis, c.keepDims));
      await compareWithCpu(`mean ${i}`, [floatInput(i + 130, c.shape)], (x) => tf.mean(x, c.axis, c.keepDims));
    });
  }
});

describe("slice, split and unstack on wasm match cpu", () => {
  it("slice in the middle of every axis", () =>
    compareWithCpu("slice", [floatInput(140, [4, 5, 6])], (x) => tf.slice(x, [1, 2, 0], [2, 3, 6])));
  it("slice of an inner axis only", () =>
    compareWithCpu("slice inner", [floatInput(141, [3, 8])], (x) => tf.slice(x, [0, 3], [-1, 4])));
  it("split into uneven parts on the last axis (LSTM gates)", () =>
    compareWithCpu("split", [floatInput(142, [5, 12])], (x) =>
      tf.concat(
        tf.split(x, [2, 6, 4], 1).map((part, i) => tf.mul(part, i + 1)),
        1,
      ),
    ));
  it("unstack along time steps", () =>
    compareWithCpu("unstack", [floatInput(143, [3, 4, 2])], (x) =>
      tf.stack(
        tf.unstack(x, 1).map((step, i) => tf.mul(step, i + 1)),
        0,
      ),
    ));
});

describe("attention building blocks on wasm match cpu", () => {
  it("scaled dot-product attention over 4 heads (batched matmuls, softmax)", () =>
    compareWithCpu(
      "attention",
      [floatInput(150, [2, 4, 16, 16]), floatInput(151, [2, 4, 16, 16]), floatInput(152, [2, 4, 16, 16])],
      (q, k, v) => tf.matMul(tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(16))), v),
    ));
  it("layer normalisation over the feature axis", () =>
    compareWithCpu(
      "layer norm",
      [floatInput(153, [3, 5, 16]), floatInput(154, [16]), floatInput(155, [16])],
      (x, gamma, beta) => {
        const { mean, variance } = tf.moments(x, -1, true);
        return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-3))), gamma), beta);
      },
    ));
  it("batch normalisation over batch and space", () =>
    compareWithCpu(
      "batch norm",
      [floatInput(156, [4, 3, 3, 5]), floatInput(157, [5]), floatInput(158, [5])],
      (x, gamma, beta) => {
        const { mean, variance } = tf.moments(x, [0, 1, 2]);
        return tf.batchNorm(x, mean, variance, beta, gamma, 1e-3);
      },
    ));
});

describe("transpose on wasm matches cpu", () => {
  const cases: [number[], number[]][] = [
    [
      [70, 45],
      [1, 0],
    ],
    [
      [1, 40, 33],
      [0, 2, 1],
    ],
    [
      [2, 3, 4],
      [2, 0, 1],
    ],
    [
      [3, 1, 5, 2],
      [3, 2, 1, 0],
    ],
    [
      [2, 3, 4, 5],
      [0, 2, 1, 3],
    ],
    [
      [2, 3, 4, 5],
      [1, 3, 0, 2],
    ],
    [
      [2, 2, 3, 2, 3, 2],
      [4, 0, 5, 1, 3, 2],
    ],
    [
      [4, 1, 6],
      [1, 0, 2],
    ],
  ];
  for (const [i, [shape, perm]] of cases.entries()) {
    it(`shape ${shape} perm ${perm}`, () =>
      compareWithCpu(`transpose ${i}`, [floatInput(i + 160, shape)], (x) => tf.transpose(x, perm)));
  }
  it("int32 values", () =>
    compareWithCpu(
      "int transpose",
      [{ shape: [5, 7], values: Int32Array.from({ length: 35 }, (_, i) => i * 3 - 50), differentiable: false }],
      (x) => tf.transpose(x).toFloat(),
    ));
});
