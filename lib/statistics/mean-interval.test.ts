import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { meanInterval, studentT975 } from "./mean-interval";

const close = (actual: number | undefined, expected: number, digits = 4) =>
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) < 10 ** -digits,
    `${String(actual)} is not ${expected} to ${digits} decimals`,
  );

describe("mean, standard deviation and 95% interval of a few runs", () => {
  it("three runs, worked by hand", () => {
    // mean 0.93; deviations -0.02, 0, 0.02; s² = 0.0008/2 = 0.0004, s = 0.02;
    // half-width = 4.3027 · 0.02 / √3 = 0.049683...
    const result = meanInterval([0.91, 0.93, 0.95]);
    close(result.mean, 0.93, 12);
    close(result.standardDeviation ?? undefined, 0.02, 12);
    close(result.interval?.low, 0.93 - 0.049683, 5);
    close(result.interval?.high, 0.93 + 0.049683, 5);
  });

  it("two runs use t with one degree of freedom", () => {
    // mean 2, s = √2, half-width = 12.7062 · √2 / √2 = 12.7062.
    const result = meanInterval([1, 3]);
    close(result.standardDeviation ?? undefined, Math.SQRT2, 12);
    close(result.interval?.low, 2 - 12.7062, 9);
    close(result.interval?.high, 2 + 12.7062, 9);
  });

  it("five equal runs have no spread and an interval of width zero", () => {
    const result = meanInterval([0.5, 0.5, 0.5, 0.5, 0.5]);
    assert.equal(result.standardDeviation, 0);
    assert.deepEqual(result.interval, { low: 0.5, high: 0.5 });
  });

  it("one run has a mean but neither spread nor interval", () => {
    assert.deepEqual(meanInterval([0.25]), { count: 1, mean: 0.25, standardDeviation: null, interval: null });
  });

  it("refuses no values, values that are not finite, and degrees of freedom past the table", () => {
    assert.throws(() => meanInterval([]), RangeError);
    assert.throws(() => meanInterval([1, Number.NaN]), RangeError);
    assert.throws(() => studentT975(0), RangeError);
    assert.throws(() => studentT975(11), RangeError);
    assert.equal(studentT975(4), 2.7764);
  });
});
