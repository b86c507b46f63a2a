// The hints a result below the threshold gets, from the numbers the worker recorded.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { feedbackHints, trustedCurve, type FeedbackInput, type HintEpoch } from "./feedback-hints";

const MSE = { name: "mse", direction: "lower", threshold: 0.35 } as const;
const ACCURACY = { name: "accuracy", direction: "higher", threshold: 0.9 } as const;
const BUDGET = { maxEpochs: 60, trainingSeconds: 20 };

function curve(losses: Array<number | null>, metrics?: number[]): HintEpoch[] {
  return losses.map((loss, index) => ({
    epoch: index + 1,
    loss,
    ...(metrics?.[index] !== undefined ? { metric: metrics[index] } : {}),
  }));
}

function hints(input: Partial<FeedbackInput>) {
  return feedbackHints({ metric: MSE, score: 18.48, curve: [], budget: BUDGET, trainingMs: 8000, ...input });
}

const kinds = (input: Partial<FeedbackInput>) => hints(input).map((hint) => hint.kind);

describe("feedbackHints", () => {
  it("always says the epochs used of those allowed and the time used of the budget", () => {
    const found = hints({ curve: curve([4, 2, 1, 0.9, 0.8]) });
    assert.deepEqual(found.at(-2), { kind: "epochs", used: 5, allowed: 60, isEarlyStop: true });
    assert.deepEqual(found.at(-1), { kind: "time", usedSeconds: 8, allowedSeconds: 20, isOutOfTime: false });
  });

  it("says training ran out of time, and then does not suggest training longer", () => {
    const found = hints({ curve: curve([4, 2, 1]), trainingMs: 21_500 });
    assert.deepEqual(found.at(-2), { kind: "epochs", used: 3, allowed: 60, isEarlyStop: false });
    assert.ok(found.some((hint) => hint.kind === "time" && hint.isOutOfTime));
  });

  it("gives the learning-rate hint when the loss did not fall, rose, or stopped being a number", () => {
    assert.equal(kinds({ curve: curve([18.5, 18.4, 18.3]) })[0], "loss_flat");
    assert.equal(kinds({ curve: curve([2, 5, 40]) })[0], "loss_rose");
    assert.equal(kinds({ curve: curve([2, null, null]) })[0], "loss_not_finite");
    assert.ok(!kinds({ curve: curve([18.5, 4, 0.5]) }).some((kind) => kind.startsWith("loss_")));
  });

  it("gives the overfitting hint when training is much better than held-out, for an accuracy and for an error", () => {
    const accuracy = hints({ metric: ACCURACY, score: 0.78, curve: curve([2, 1, 0.2], [0.6, 0.8, 0.99]) });
    assert.deepEqual(accuracy[0], { kind: "overfitting", training: 0.99, heldOut: 0.78 });
    assert.equal(kinds({ metric: ACCURACY, score: 0.85, curve: curve([2, 1, 0.5], [0.6, 0.8, 0.88]) })[0], "epochs");
    const error = hints({ score: 0.9, curve: curve([3, 1, 0.2], [3, 1, 0.2]) });
    assert.deepEqual(error[0], { kind: "overfitting", training: 0.2, heldOut: 0.9 });
  });

  it("reads the learner's curve only within the budget: no more epochs than allowed, no impossible metric", () => {
    const forged = curve(
      Array.from({ length: 500 }, (_, index) => 10 - index / 100),
      Array.from({ length: 500 }, () => 7),
    );
    const trusted = trustedCurve(forged, { budget: BUDGET, metric: ACCURACY });
    assert.equal(trusted.length, 60);
    assert.ok(trusted.every((point) => point.metric === undefined));
    const found = hints({ metric: ACCURACY, score: 0.5, curve: forged });
    assert.ok(!found.some((hint) => hint.kind === "overfitting"));
    assert.ok(found.some((hint) => hint.kind === "epochs" && hint.used === 60));
  });

  it("has nothing to say of epochs without a curve, and of time without the worker's clock", () => {
    assert.deepEqual(hints({ curve: [], trainingMs: null }), []);
  });
});
