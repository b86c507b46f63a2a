// The fingerprint check catches a copy without the articles: a synthetic "seed" is fingerprinted
// and written in the committed file's format, then texts that copy it, re-flowed or not, are
// caught, and texts that do not are not.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  decodeFingerprints,
  encodeFingerprints,
  findCopiedWindows,
  fingerprintOf,
  WINDOW,
  windowFingerprints,
} from "./seed-fingerprints";

// A made-up tutorial paragraph, in the seeds' language, long enough for many windows.
const SEED = [
  "梯度下降是一种迭代优化算法，它沿着损失函数梯度的反方向更新参数，直到损失不再明显下降为止。",
  "学习率决定了每一步走多远：太大会在最低点附近来回震荡，太小则需要很多轮才能收敛。",
  "In practice we shuffle the training set every epoch and average the gradient over a mini-batch.",
].join("\n");
const fingerprints = decodeFingerprints(encodeFingerprints(windowFingerprints(SEED)));
const normalisedSeed = SEED.replace(/\s+/g, "");

describe("seed fingerprints", () => {
  test("hold one value per distinct window, whitespace removed", () => {
    assert.equal(fingerprints.count, new Set(windowFingerprints(SEED)).size);
    assert.equal(fingerprints.count, normalisedSeed.length - WINDOW + 1);
    assert.ok(fingerprints.has(fingerprintOf(normalisedSeed.slice(0, WINDOW))));
  });

  test("a copied window is caught, even re-flowed with other whitespace", () => {
    const copied = normalisedSeed.slice(30, 30 + WINDOW);
    const reflowed = `${copied.slice(0, 13)}\n  ${copied.slice(13, 27)} \t${copied.slice(27)}`;
    const lesson = `# 第三课\n\n我们自己的讲解。${reflowed}然后继续写我们自己的话。\n`;
    assert.deepEqual(findCopiedWindows(lesson, fingerprints), [copied]);
  });

  test("a long copied passage is reported once per window's length, not once per character", () => {
    const passage = normalisedSeed.slice(0, 2 * WINDOW + 5);
    assert.equal(findCopiedWindows(passage, fingerprints).length, 2);
  });

  test("fresh text, and a copy one character shorter than a window, are not", () => {
    const fresh =
      "学习率是一个超参数，我们用验证集上的表现来挑选它，而不是训练集上的损失。Fresh English prose of our own, written for this course.";
    assert.deepEqual(findCopiedWindows(fresh, fingerprints), []);
    const almost = normalisedSeed.slice(10, 10 + WINDOW - 1);
    assert.deepEqual(findCopiedWindows(`我们的话${almost}`, fingerprints), []);
  });

  test("a malformed file is refused", () => {
    const encoded = encodeFingerprints(windowFingerprints(SEED));
    assert.throws(() => decodeFingerprints(encoded.subarray(0, encoded.length - 1)), /cannot hold/);
    const swapped = Buffer.from(encoded);
    swapped.copy(swapped, 16, 24, 32);
    assert.throws(() => decodeFingerprints(swapped), /out of order/);
    assert.throws(() => decodeFingerprints(Buffer.from("not fingerprints")), /not a seed fingerprint file/);
  });
});
