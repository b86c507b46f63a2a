import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runSeed } from "./run-seeds";

describe("the seed of each run", () => {
  it("keeps the submission's own seed for the first run, so one-run labs grade as before", () => {
    assert.equal(runSeed(1, 1), 1);
    assert.equal(runSeed(123456, 1), 123456);
  });

  it("derives distinct, repeatable seeds in range for the other runs", () => {
    const seeds = [1, 2, 3, 4, 5].map((run) => runSeed(42, run));
    assert.equal(new Set(seeds).size, 5);
    assert.deepEqual(
      seeds,
      [1, 2, 3, 4, 5].map((run) => runSeed(42, run)),
    );
    assert.ok(seeds.every((seed) => Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31));
    assert.notEqual(runSeed(43, 2), runSeed(42, 2));
  });
});
