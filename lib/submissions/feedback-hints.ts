// What a result below the threshold can teach, worked out on the host from what the worker
// recorded: the held-out score (the trusted scorer's), the training time (the worker's own clock on
// the sandbox) and the epoch curve. The curve is what the learner's process printed, so it is read
// as the learner's own account: bounded by the lab's budget, non-finite values dropped, and a hint
// drawn from it only advises its author, who alone could have forged it. Pure functions: the live
// view and the result page call them with what they already have.
import type { MetricSpec } from "../assignments/spec-schema";

export interface HintEpoch {
  epoch: number;
  loss: number | null;
  /** The training metric tfjs reported for the epoch, when the model was compiled with one. */
  metric?: number;
}

export interface FeedbackInput {
  metric: Pick<MetricSpec, "name" | "direction" | "threshold">;
  /** The held-out score, from the trusted scorer. */
  score: number;
  /** The first run's epochs as the worker recorded them. */
  curve: readonly HintEpoch[];
  budget: { maxEpochs: number; trainingSeconds: number };
  /** The first run's time in the sandbox by the worker's clock; null when unknown. */
  trainingMs: number | null;
}

export type FeedbackHint =
  | { kind: "epochs"; used: number; allowed: number; isEarlyStop: boolean }
  | { kind: "time"; usedSeconds: number; allowedSeconds: number; isOutOfTime: boolean }
  | { kind: "overfitting"; training: number; heldOut: number }
  | { kind: "loss_flat"; first: number; last: number }
  | { kind: "loss_rose"; first: number; last: number }
  | { kind: "loss_not_finite" };

/** Stopping before half the epochs with time to spare suggests training longer. */
const EARLY_STOP_FRACTION = 0.5;
/**
 * The worker's clock covers the whole sandbox run, start-up included (a few seconds), so a run that
 * took the whole training allowance spent nearly all of it training: the clock ended training.
 */
const OUT_OF_TIME_FRACTION = 1;
/** A final loss within 5% of the first did not fall. */
const FLAT_LOSS_RATIO = 0.95;
/** Accuracy or F1 ten points better on training than on held-out data is overfitting. */
const ACCURACY_GAP = 0.1;
/** An error on held-out data half again the training error is overfitting. */
const ERROR_GAP_RATIO = 1.5;

/** The curve reduced to what the budget allows: at most maxEpochs points, finite metrics within their range. */
export function trustedCurve(
  curve: readonly HintEpoch[],
  input: Pick<FeedbackInput, "budget" | "metric">,
): HintEpoch[] {
  const isInRange = (value: number) =>
    Number.isFinite(value) && value >= 0 && (input.metric.name === "mse" || value <= 1);
  return curve.slice(0, input.budget.maxEpochs).map((point) => ({
    epoch: point.epoch,
    loss: point.loss !== null && Number.isFinite(point.loss) ? point.loss : null,
    ...(point.metric !== undefined && isInRange(point.metric) ? { metric: point.metric } : {}),
  }));
}

function lossHint(curve: readonly HintEpoch[]): FeedbackHint | null {
  if (curve.length < 2) return null;
  if (curve.some((point) => point.loss === null)) return { kind: "loss_not_finite" };
  const first = curve[0]?.loss ?? null;
  const last = curve.at(-1)?.loss ?? null;
  if (first === null || last === null) return null;
  if (last > first) return { kind: "loss_rose", first, last };
  if (last >= first * FLAT_LOSS_RATIO) return { kind: "loss_flat", first, last };
  return null;
}

function overfittingHint(curve: readonly HintEpoch[], input: FeedbackInput): FeedbackHint | null {
  const training = curve.at(-1)?.metric;
  if (training === undefined) return null;
  const heldOut = input.score;
  const isOverfit =
    input.metric.direction === "higher"
      ? training - heldOut >= ACCURACY_GAP
      : heldOut >= training * ERROR_GAP_RATIO && heldOut > input.metric.threshold;
  return isOverfit ? { kind: "overfitting", training, heldOut } : null;
}

/** The hints for a result below the threshold, the most telling first; the epochs and time always come last. */
export function feedbackHints(input: FeedbackInput): FeedbackHint[] {
  const curve = trustedCurve(input.curve, input);
  const hints: FeedbackHint[] = [];
  const loss = lossHint(curve);
  if (loss) hints.push(loss);
  const overfitting = overfittingHint(curve, input);
  if (overfitting) hints.push(overfitting);

  const allowedSeconds = input.budget.trainingSeconds;
  const usedSeconds = input.trainingMs === null ? null : Math.max(0, input.trainingMs / 1000);
  const isOutOfTime = usedSeconds !== null && usedSeconds >= allowedSeconds * OUT_OF_TIME_FRACTION;
  if (curve.length > 0) {
    const isEarlyStop = !isOutOfTime && curve.length < input.budget.maxEpochs * EARLY_STOP_FRACTION && loss === null;
    hints.push({ kind: "epochs", used: curve.length, allowed: input.budget.maxEpochs, isEarlyStop });
  }
  if (usedSeconds !== null) {
    hints.push({ kind: "time", usedSeconds: Math.min(usedSeconds, allowedSeconds * 2), allowedSeconds, isOutOfTime });
  }
  return hints;
}
