// For labs with allowCustomLoop: false, weights may change only in a training step that model.fit()
// runs, where the epoch budget counts. Every way the public API changes a weight goes through one of
// these: an optimizer's minimize() or applyGradients(), or a variable's assign() (which setWeights()
// and loading weights use too). Outside a fit() step each is refused as custom_loop_not_allowed.
// This closes the cheap bypasses, not every one: code in the same process can reach tfjs's
// internals, which is why the epoch budget is called a guide and the sandbox's limits stay the limit.
import type * as tfjs from "@tensorflow/tfjs";
import { refuse } from "./refusal";
import type { Tf } from "./start-backend";

/** The parts of LayersModel this guard wraps; makeTrainFunction is protected in tfjs's types. */
interface TrainableModel {
  fit: (this: unknown, ...args: unknown[]) => Promise<unknown>;
  fitDataset: (this: unknown, ...args: unknown[]) => Promise<unknown>;
  makeTrainFunction: (this: unknown) => (data: tfjs.Tensor[]) => tfjs.Scalar[];
}

interface UpdatingOptimizer {
  minimize: (this: unknown, ...args: unknown[]) => unknown;
  applyGradients: (this: unknown, ...args: unknown[]) => unknown;
}

function refuseCustomLoop(what: string): never {
  refuse(
    "custom_loop_not_allowed",
    `This assignment asks you to train with model.fit(); ${what} outside fit() is a custom training loop, ` +
      `which is not allowed here.`,
  );
}

export function forbidCustomLoops(tf: Tf): void {
  let fitsRunning = 0;
  let stepsRunning = 0;

  const model = tf.LayersModel.prototype as unknown as TrainableModel;
  for (const name of ["fit", "fitDataset"] as const) {
    const original = model[name];
    model[name] = async function counted(this: unknown, ...args: unknown[]) {
      fitsRunning += 1;
      try {
        return await original.apply(this, args);
      } finally {
        fitsRunning -= 1;
      }
    };
  }

  // fit() and trainOnBatch() both run their steps through the function this makes. A step is
  // synchronous, so learner code that runs during one is only what the step itself calls (the
  // model's layers and losses), never a loop of the learner's waiting beside a fit().
  const makeTrainFunction = model.makeTrainFunction;
  model.makeTrainFunction = function guardedTrainFunction(this: unknown) {
    const step = makeTrainFunction.call(this);
    return (data: tfjs.Tensor[]) => {
      if (fitsRunning === 0) refuseCustomLoop("a training step (model.trainOnBatch())");
      stepsRunning += 1;
      try {
        return step(data);
      } finally {
        stepsRunning -= 1;
      }
    };
  };

  const guard = <T extends object, K extends keyof T>(owner: T, name: K, what: string): void => {
    const original = owner[name];
    if (typeof original !== "function") return;
    owner[name] = function guarded(this: unknown, ...args: unknown[]) {
      if (stepsRunning === 0) refuseCustomLoop(what);
      return (original as (...args: unknown[]) => unknown).apply(this, args);
    } as T[K];
  };

  guard(tf.Optimizer.prototype as unknown as UpdatingOptimizer, "minimize", "optimizer.minimize()");
  // Each optimizer class has its own applyGradients; all of them are among tfjs's exports.
  for (const value of Object.values(tf)) {
    if (typeof value !== "function" || !(value.prototype instanceof tf.Optimizer)) continue;
    const prototype = value.prototype as UpdatingOptimizer;
    if (Object.hasOwn(prototype, "applyGradients")) guard(prototype, "applyGradients", "optimizer.applyGradients()");
  }
  guard(tf.Variable.prototype, "assign", "changing a weight (variable.assign(), setWeights())");
}
