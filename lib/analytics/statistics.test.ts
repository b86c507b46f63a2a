import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  cumulativeTimeline,
  hasDistractorAboveKey,
  itemDifficulty,
  itemFlags,
  percentHistogram,
  pointBiserial,
  quantile,
  timeToPassBucket,
} from "./statistics";

const close = (actual: number | null, expected: number) => {
  assert.ok(actual !== null, "expected a number, got null");
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);
};

describe("item difficulty", () => {
  it("is the proportion correct", () => {
    close(itemDifficulty([true, false, true, true]), 0.75);
    assert.equal(itemDifficulty([]), null);
  });
});

describe("point-biserial discrimination", () => {
  it("matches the hand-computed value for a balanced item", () => {
    // M1 = 0.7, M0 = 0.3, s = √0.05, p = q = 0.5: (0.4 / 0.2236068) · 0.5 = 0.894427191
    const pairs = [
      { isCorrect: true, rest: 0.8 },
      { isCorrect: true, rest: 0.6 },
      { isCorrect: false, rest: 0.4 },
      { isCorrect: false, rest: 0.2 },
    ];
    close(pointBiserial(pairs), 0.894427191);
  });

  it("matches the hand-computed value for an unbalanced item", () => {
    // M1 = 1, M0 = 0.25, s = √(1/6), p = 1/3: (0.75 / 0.4082483) · √(2/9) = √3 / 2
    const pairs = [
      { isCorrect: true, rest: 1 },
      { isCorrect: false, rest: 0.5 },
      { isCorrect: false, rest: 0 },
    ];
    close(pointBiserial(pairs), Math.sqrt(3) / 2);
  });

  it("is negative when the weaker learners get it right", () => {
    const pairs = [
      { isCorrect: false, rest: 0.9 },
      { isCorrect: true, rest: 0.1 },
    ];
    close(pointBiserial(pairs), -1);
  });

  it("is undefined without variation", () => {
    assert.equal(pointBiserial([{ isCorrect: true, rest: 1 }]), null);
    assert.equal(
      pointBiserial([
        { isCorrect: true, rest: 0.5 },
        { isCorrect: true, rest: 0.2 },
      ]),
      null,
    );
    assert.equal(
      pointBiserial([
        { isCorrect: true, rest: 0.5 },
        { isCorrect: false, rest: 0.5 },
      ]),
      null,
    );
  });
});

describe("item flags", () => {
  const choices = [
    { choiceId: "a", isKey: true, count: 4 },
    { choiceId: "b", isKey: false, count: 1 },
  ];
  it("flags nothing under the minimum number of responses", () => {
    assert.deepEqual(itemFlags({ responses: 4, difficulty: 1, discrimination: null, choices }), []);
  });
  it("flags an item almost everyone gets right", () => {
    assert.deepEqual(itemFlags({ responses: 40, difficulty: 0.96, discrimination: 0.3, choices }), ["too_easy"]);
    assert.deepEqual(itemFlags({ responses: 40, difficulty: 0.95, discrimination: 0.3, choices }), []);
  });
  it("flags an item almost everyone gets wrong, and one that does not discriminate", () => {
    assert.deepEqual(itemFlags({ responses: 10, difficulty: 0.1, discrimination: 0.05, choices }), [
      "too_hard",
      "low_discrimination",
    ]);
  });
  it("flags a distractor chosen more often than the key", () => {
    const popularWrong = [
      { choiceId: "a", isKey: true, count: 2 },
      { choiceId: "b", isKey: false, count: 5 },
    ];
    assert.equal(hasDistractorAboveKey(popularWrong), true);
    assert.deepEqual(itemFlags({ responses: 7, difficulty: 0.3, discrimination: 0.2, choices: popularWrong }), [
      "distractor_beats_key",
    ]);
    // For MULTIPLE the weakest right choice is the bar.
    const multiple = [
      { choiceId: "a", isKey: true, count: 6 },
      { choiceId: "b", isKey: true, count: 3 },
      { choiceId: "c", isKey: false, count: 4 },
    ];
    assert.equal(hasDistractorAboveKey(multiple), true);
    assert.equal(hasDistractorAboveKey([]), false);
  });
});

describe("percent histogram", () => {
  it("puts each score in its ten-point bin, 100 in the last", () => {
    const bins = percentHistogram([0, 9.99, 10, 55, 69.99999999999, 100, 100, -5, Number.NaN]);
    assert.equal(bins.length, 10);
    assert.deepEqual(bins[0], { from: 0, to: 10, count: 3 });
    assert.deepEqual(
      bins.map((bin) => bin.count),
      [3, 1, 0, 0, 0, 1, 0, 1, 0, 2],
    );
    assert.deepEqual(bins[9], { from: 90, to: 100, count: 2 });
  });
  it("takes other widths", () => {
    assert.deepEqual(
      percentHistogram([24, 25, 99], 25).map((bin) => [bin.from, bin.to, bin.count]),
      [
        [0, 25, 1],
        [25, 50, 1],
        [50, 75, 0],
        [75, 100, 1],
      ],
    );
  });
});

describe("quantile", () => {
  it("interpolates between order statistics", () => {
    close(quantile([4, 1, 3, 2], 0.5), 2.5);
    close(quantile([4, 1, 3, 2], 0.25), 1.75);
    close(quantile([7], 0.5), 7);
    assert.equal(quantile([], 0.5), null);
  });
});

describe("time to first pass", () => {
  it("buckets by attempts and hours from the first attempt", () => {
    assert.equal(timeToPassBucket(1, 0), "first_try");
    assert.equal(timeToPassBucket(2, 0.5), "under_hour");
    assert.equal(timeToPassBucket(2, 1), "under_day");
    assert.equal(timeToPassBucket(3, 23.9), "under_day");
    assert.equal(timeToPassBucket(3, 24), "under_3_days");
    assert.equal(timeToPassBucket(4, 100), "under_week");
    assert.equal(timeToPassBucket(4, 168), "longer");
  });
});

describe("cumulative timeline", () => {
  it("fills every day between the first and last event with running totals", () => {
    const { granularity, points } = cumulativeTimeline(
      [
        { day: "2026-01-01", count: 2 },
        { day: "2026-01-03", count: 1 },
      ],
      [{ day: "2026-01-03", count: 1 }],
    );
    assert.equal(granularity, "day");
    assert.deepEqual(points, [
      { period: "2026-01-01", enrolled: 2, enrolledTotal: 2, completed: 0, completedTotal: 0 },
      { period: "2026-01-02", enrolled: 0, enrolledTotal: 2, completed: 0, completedTotal: 0 },
      { period: "2026-01-03", enrolled: 1, enrolledTotal: 3, completed: 1, completedTotal: 1 },
    ]);
  });
  it("goes week by week (from Monday) over a long span", () => {
    const { granularity, points } = cumulativeTimeline(
      [
        { day: "2026-01-01", count: 2 },
        { day: "2026-06-01", count: 3 },
      ],
      [],
    );
    assert.equal(granularity, "week");
    assert.equal(points.length, 23);
    assert.deepEqual(points[0], {
      period: "2025-12-29",
      enrolled: 2,
      enrolledTotal: 2,
      completed: 0,
      completedTotal: 0,
    });
    assert.deepEqual(points.at(-1), {
      period: "2026-06-01",
      enrolled: 3,
      enrolledTotal: 5,
      completed: 0,
      completedTotal: 0,
    });
  });
  it("is empty without events", () => {
    assert.deepEqual(cumulativeTimeline([], []), { granularity: "day", points: [] });
  });
});
