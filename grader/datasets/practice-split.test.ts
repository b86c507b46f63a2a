// A practice run trains and is scored on public rows only: both samples come from the TRAIN split,
// never overlap each other, and never hold a held-out row, for every lab of the course.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import { practiceBudget } from "@/lib/practice/practice-budget";
import { practiceDataset, practiceIndices } from "./practice-split";
import { prepareDatasetUncached, splitIndices } from "./prepare";
import { loadMnistPool, loadSpamAssassinPool } from "./sources";
import { bytesOf, type DenseArray } from "./types";

const COURSE = "ml-foundations";
const SECRET = Buffer.from("a-secret-for-the-practice-split-tests-0123456789abcdef");

/** Each example's input and target bytes, so equal rows are found whatever their position. */
function rowsOf(xs: DenseArray, ys: DenseArray): string[] {
  const count = xs.shape[0] ?? 0;
  const xBytes = bytesOf(xs);
  const yBytes = bytesOf(ys);
  const xSize = xBytes.byteLength / count;
  const ySize = yBytes.byteLength / count;
  return Array.from({ length: count }, (_, i) =>
    Buffer.concat([
      Buffer.from(xBytes.subarray(i * xSize, (i + 1) * xSize)),
      Buffer.from(yBytes.subarray(i * ySize, (i + 1) * ySize)),
    ]).toString("base64"),
  );
}

describe("practice and validation samples", () => {
  // Fashion-MNIST comes from a Debian package fetched on first use; the other labs cover every other kind of data.
  for (const slug of ["linear-regression", "mnist-dense", "spam-lstm"]) {
    it(`of ${slug} are public rows, disjoint from each other and from the held-out split`, () => {
      const spec = loadAssignmentSpec(COURSE, slug);
      const dataset = prepareDatasetUncached(spec, SECRET);
      const practice = practiceDataset(dataset, spec);
      const budget = practiceBudget(spec);
      assert.equal(practice.train.xs.shape[0], budget.practiceRows);
      assert.equal(practice.heldOut.xs.shape[0], budget.validationRows);

      const trainRows = rowsOf(dataset.train.xs, dataset.train.ys);
      const heldOut = new Set(rowsOf(dataset.heldOut.xs, dataset.heldOut.ys));
      // A public corpus can hold the same e-mail twice; such a text may fall on both sides of the
      // split. Only those may meet the held-out split, and only because the TRAIN split has them too.
      const duplicates = new Set(trainRows.filter((row) => heldOut.has(row)));
      const train = new Set(trainRows);
      for (const row of [
        ...rowsOf(practice.train.xs, practice.train.ys),
        ...rowsOf(practice.heldOut.xs, practice.heldOut.ys),
      ]) {
        assert.ok(train.has(row), "a practice row is not a TRAIN row");
        assert.ok(!heldOut.has(row) || duplicates.has(row), "a held-out row is in a practice sample");
      }

      const { practice: practiceAt, validation: validationAt } = practiceIndices(dataset.train.xs.shape[0] ?? 0, spec);
      const practiceSet = new Set(practiceAt);
      assert.equal(practiceSet.size, practiceAt.length);
      assert.ok(
        validationAt.every((index) => !practiceSet.has(index)),
        "a row is in both samples",
      );
      if (spec.dataset.kind !== "synthetic-regression") {
        // By position in the pool, too: the examples themselves are never held-out ones.
        const poolSize =
          spec.dataset.kind === "spam-assassin"
            ? loadSpamAssassinPool(spec.dataset.bodyOnly).labels.length
            : loadMnistPool().count;
        const split = splitIndices(poolSize, spec, SECRET);
        const heldOutAt = new Set(split.heldOut);
        for (const index of [...practiceAt, ...validationAt])
          assert.ok(!heldOutAt.has(split.train[index] ?? -1), "a held-out example is in a practice sample");
      }
      assert.notEqual(practice.heldOutSha256, dataset.heldOutSha256);
    });
  }

  it("are the same rows every time, whatever the held-out secret", () => {
    const spec = loadAssignmentSpec(COURSE, "linear-regression");
    const first = practiceDataset(prepareDatasetUncached(spec, SECRET), spec);
    const again = practiceDataset(prepareDatasetUncached(spec, SECRET), spec);
    assert.equal(first.trainSha256, again.trainSha256);
    assert.equal(first.heldOutSha256, again.heldOutSha256);
  });

  it("leave a small training split a validation sample", () => {
    const spec = loadAssignmentSpec(COURSE, "linear-regression");
    const small = { ...spec, split: { ...spec.split, trainSize: 100 } };
    assert.deepEqual(practiceBudget(small), { practiceRows: 75, validationRows: 25, trainingSeconds: 20 });
  });
});
