// The training clock and the epoch budget. Epochs are counted over every fit() call and every
// onEpoch() report together. The count lives in the learner's own process, so it is a guide, not a
// limit: fit() is held to it and a loop that reports past it is refused, but a loop that reports
// nothing is stopped only by the limits the sandbox enforces from outside (wall clock, CPU, memory).
import type * as tfjs from "@tensorflow/tfjs";
import { emit } from "./emit";
import type { HarnessConfig } from "./harness-config";
import { refuse } from "./refusal";
import type { Tf } from "./start-backend";

export interface EpochReport {
  loss?: number;
  metric?: number;
}

export interface EpochBudget {
  readonly startedAt: number;
  epochsUsed: () => number;
  wasStoppedAtDeadline: () => boolean;
  /** For custom training loops: call once per epoch. */
  onEpoch: (report?: EpochReport) => void;
  timeLeftMs: () => number;
  shouldStop: () => boolean;
}

type FitArgs = NonNullable<Parameters<tfjs.LayersModel["fit"]>[2]>;
type Callbacks = FitArgs["callbacks"];

const METRIC_KEYS = ["acc", "accuracy", "categoricalAccuracy", "sparseCategoricalAccuracy", "mse", "meanSquaredError"];

function metricOf(logs: tfjs.Logs | undefined): number | undefined {
  for (const key of METRIC_KEYS) {
    const value = logs?.[key];
    if (typeof value === "number") return value;
  }
  return undefined;
}

export function installEpochBudget(tf: Tf, budget: HarnessConfig["budget"]): EpochBudget {
  const startedAt = Date.now();
  const deadline = startedAt + budget.trainingSeconds * 1000;
  let epochsUsed = 0;
  let stoppedAtDeadline = false;

  function reportEpoch(loss: number, metric: number): void {
    epochsUsed += 1;
    emit({
      type: "epoch",
      epoch: epochsUsed,
      loss: Number.isFinite(loss) ? loss : null,
      ...(Number.isFinite(metric) ? { metric } : {}),
      elapsedMs: Date.now() - startedAt,
    });
  }

  function stopAtDeadline(model: tfjs.LayersModel): void {
    if (Date.now() <= deadline) return;
    stoppedAtDeadline = true;
    model.stopTraining = true;
  }

  function budgetCallback(model: tfjs.LayersModel): tfjs.CustomCallbackArgs {
    return {
      onBatchEnd: async () => stopAtDeadline(model),
      onEpochEnd: async (_epoch, logs) => {
        reportEpoch(Number(logs?.loss), Number(metricOf(logs)));
        stopAtDeadline(model);
      },
    };
  }

  /** fit()'s arguments with the epochs cut to what the budget leaves and the budget's callback added. */
  function withBudget<T extends { epochs?: number; initialEpoch?: number; callbacks?: Callbacks }>(
    model: tfjs.LayersModel,
    args: T | undefined,
  ): T {
    const initialEpoch = args?.initialEpoch ?? 0;
    const asked = (args?.epochs ?? 1) - initialEpoch;
    const allowed = Math.max(0, Math.min(asked, budget.maxEpochs - epochsUsed));
    if (allowed < asked) {
      emit({
        type: "log",
        level: "warn",
        text:
          `[platform] fit asked for ${asked} epochs; ` +
          `the budget leaves ${allowed} (max ${budget.maxEpochs} in total).`,
      });
    }
    const given = args?.callbacks;
    const callbacks = given === undefined ? [] : Array.isArray(given) ? given : [given];
    // tfjs takes a list of callback objects of either kind, though its type names one kind per list.
    return {
      ...(args as T),
      epochs: initialEpoch + allowed,
      callbacks: [...callbacks, budgetCallback(model)] as Callbacks,
    };
  }

  const prototype = tf.LayersModel.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the model as this below
  const originalFit = prototype.fit;
  prototype.fit = function fit(this: tfjs.LayersModel, x, y, args) {
    return originalFit.call(this, x, y, withBudget(this, args));
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the model as this below
  const originalFitDataset = prototype.fitDataset;
  prototype.fitDataset = function fitDataset(this: tfjs.LayersModel, dataset, args) {
    return originalFitDataset.call(this, dataset, withBudget(this, args));
  };

  return {
    startedAt,
    epochsUsed: () => epochsUsed,
    wasStoppedAtDeadline: () => stoppedAtDeadline,
    onEpoch: (report = {}) => {
      if (epochsUsed >= budget.maxEpochs) {
        refuse("over_budget", `Your training loop ran more than the ${budget.maxEpochs} epochs the budget allows.`);
      }
      reportEpoch(Number(report.loss), Number(report.metric));
    },
    timeLeftMs: () => Math.max(0, deadline - Date.now()),
    shouldStop: () => Date.now() > deadline || epochsUsed >= budget.maxEpochs,
  };
}
