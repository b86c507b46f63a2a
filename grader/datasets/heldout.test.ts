// A learner sees the assignment.yaml (with its seed), the public pools, the train split as the
// sandbox gets it and the lab page's preview. These tests rebuild everything a learner could from
// that and check the held-out rows are not among it: they follow from the platform's secret.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import { datasetCapacity } from "@/lib/assignments/spec-schema";
import { seededRandom } from "../harness/seeded-random.mjs";
import { asFloat32 } from "./cache";
import { materialiseTrainSplit } from "./materialise";
import { prepareDatasetUncached, splitIndices } from "./prepare";
import { seededGaussian } from "./random";
import { drawRegressionRows, generateRegression } from "./sources";

const COURSE = "ml-foundations";
const SECRETS = ["first-secret", "second-secret", "third-secret"].map((name) =>
  Buffer.from(`${name}-for-the-held-out-tests-0123456789abcdef`),
);

function rowsOf(data: Float32Array, rowSize: number): Set<string> {
  const rows = new Set<string>();
  for (let i = 0; i < data.length; i += rowSize)
    rows.add(Buffer.from(data.slice(i, i + rowSize).buffer).toString("hex"));
  return rows;
}

function shared(a: Iterable<string | number>, b: Set<string | number>): number {
  let count = 0;
  for (const item of a) if (b.has(item)) count++;
  return count;
}

/** What a learner would write to redo the old split: Fisher-Yates driven by the published seed. */
function publishedSeedPermutation(n: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order;
}

describe("the synthetic set's held-out rows", () => {
  const spec = loadAssignmentSpec(COURSE, "linear-regression");
  if (spec.dataset.kind !== "synthetic-regression") throw new Error("linear-regression is no longer synthetic");
  const { features, noise } = spec.dataset;
  const { seed, trainSize, heldOutSize } = spec.split;

  it("appear nowhere a learner can regenerate from the published seed", () => {
    const dataset = prepareDatasetUncached(spec, SECRETS[0] ?? Buffer.alloc(0));
    const heldOut = rowsOf(dataset.heldOut.xs.data as Float32Array, features);
    assert.equal(heldOut.size, heldOutSize);

    // The old scheme (held-out rows continue the training stream) and its obvious variants: a long
    // stream from the published seed and from seeds near it, each read as a whole.
    const candidateSeeds = [seed, seed + 1, seed - 1, seed + trainSize, seed + heldOutSize, seed * 2, 0, 1];
    for (const candidate of candidateSeeds) {
      const { train } = generateRegression(20 * (trainSize + heldOutSize), features, noise, candidate);
      assert.equal(shared(rowsOf(train.xs, features), heldOut), 0, `seed ${candidate}`);
    }
    // The published relation with fresh streams, as a learner might try to guess the held-out draw.
    const { task } = generateRegression(0, features, noise, seed);
    for (const candidate of [seed, seed + 1, 0]) {
      const rows = drawRegressionRows(heldOutSize, task, seededGaussian(candidate));
      assert.equal(shared(rowsOf(rows.xs, features), heldOut), 0, `fresh stream ${candidate}`);
    }

    // The train split exactly as the sandbox gets it.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-heldout-"));
    try {
      const manifest = materialiseTrainSplit(dataset, folder);
      const trainXs = asFloat32(fs.readFileSync(path.join(folder, manifest.xs.file)));
      assert.equal(trainXs.length, trainSize * features);
      assert.equal(shared(rowsOf(trainXs, features), heldOut), 0);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("follow the published relation, so the task is the one the brief describes", () => {
    const dataset = prepareDatasetUncached(spec, SECRETS[0] ?? Buffer.alloc(0));
    const { task } = generateRegression(0, features, noise, seed);
    const xs = dataset.heldOut.xs.data;
    let squared = 0;
    for (let i = 0; i < heldOutSize; i++) {
      let y = task.bias;
      for (let j = 0; j < features; j++) y += (xs[i * features + j] ?? 0) * (task.weights[j] ?? 0);
      squared += ((dataset.heldOut.ys.data[i] ?? 0) - y) ** 2;
    }
    // Only the noise separates the targets from the relation: its variance is noise², give or take sampling.
    const mse = squared / heldOutSize;
    assert.ok(Math.abs(mse - noise ** 2) < 0.2 * noise ** 2, `held-out residual MSE ${mse}, noise² ${noise ** 2}`);
  });

  it("are the same for the same secret and differ between secrets, while the train rows never change", () => {
    const [a, b, c] = SECRETS.map((secret) => prepareDatasetUncached(spec, secret));
    const again = prepareDatasetUncached(spec, SECRETS[0] ?? Buffer.alloc(0));
    assert.ok(a && b && c);
    assert.equal(again.heldOutSha256, a.heldOutSha256);
    assert.equal(new Set([a.heldOutSha256, b.heldOutSha256, c.heldOutSha256]).size, 3);
    assert.equal(new Set([a.trainSha256, b.trainSha256, c.trainSha256, again.trainSha256]).size, 1);
    const rowsA = rowsOf(a.heldOut.xs.data as Float32Array, features);
    assert.equal(shared(rowsOf(b.heldOut.xs.data as Float32Array, features), rowsA), 0);
  });
});

describe("which rows of a public pool are held out", () => {
  for (const slug of ["mnist-dense", "spam-lstm", "fashion-cnn"]) {
    const spec = loadAssignmentSpec(COURSE, slug);
    const { trainSize, heldOutSize, seed } = spec.split;
    // The pool's size as the schema states it, so no pool has to be loaded here.
    const poolSize = datasetCapacity(spec.dataset);

    it(`${slug}: is decided by the secret, not by the published seed`, () => {
      const splits = SECRETS.map((secret) => splitIndices(poolSize, spec, secret));
      const [first, second] = splits;
      assert.ok(first && second);
      const again = splitIndices(poolSize, spec, SECRETS[0] ?? Buffer.alloc(0));
      assert.deepEqual([...again.train], [...first.train], "the train split is stable for a given secret");
      assert.deepEqual([...again.heldOut], [...first.heldOut]);

      for (const { train, heldOut } of splits) {
        assert.equal(train.length, trainSize);
        assert.equal(heldOut.length, heldOutSize);
        assert.equal(shared(heldOut, new Set(train)), 0, "no held-out index in the train split");
      }
      // Two secrets, two held-out sets, overlapping only as much as two random draws from the pool would.
      const chance = (heldOutSize * heldOutSize) / poolSize;
      const overlap = shared(second.heldOut, new Set(first.heldOut));
      assert.ok(overlap < heldOutSize, "different secrets hold out different rows");
      assert.ok(overlap < chance * 1.25 + 20, `overlap ${overlap}, chance ${chance.toFixed(0)}`);

      // What the published seed alone predicts (the old split) is right only by chance.
      const published = publishedSeedPermutation(poolSize, seed);
      const predicted = new Set(published.subarray(trainSize, trainSize + heldOutSize));
      const hits = shared(first.heldOut, predicted);
      assert.ok(
        hits < chance * 1.25 + 20,
        `${hits} held-out rows predicted from the seed, chance ${chance.toFixed(0)}`,
      );
    });
  }

  it("keeps the held-out images out of the train split as the sandbox gets it", () => {
    const spec = loadAssignmentSpec(COURSE, "mnist-dense");
    const dataset = prepareDatasetUncached(spec, SECRETS[1] ?? Buffer.alloc(0));
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-heldout-"));
    try {
      const manifest = materialiseTrainSplit(dataset, folder);
      const train = rowsOf(asFloat32(fs.readFileSync(path.join(folder, manifest.xs.file))), 784);
      const heldOut = rowsOf(dataset.heldOut.xs.data as Float32Array, 784);
      // MNIST holds a few exact duplicate images, so allow a handful of collisions, not a leak.
      assert.ok(shared(heldOut, train) <= 3);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
