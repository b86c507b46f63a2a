// The scorer cannot rebuild the learner's own layer classes, so their forward pass is recorded
// here (see forward-trace.mjs), on training rows, and checked by replaying it on other rows before
// it is saved beside the model.
import fs from "node:fs";
import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";
import {
  constantValueCount,
  createConstantTensors,
  recordForwardTrace,
  replayForwardTrace,
  TRACE_BATCH,
  TRACE_CONSTANT_MARGIN,
} from "../forward-trace.mjs";
import { setLearnerPhase } from "./console-capture";
import { describeError, learnerStack } from "./describe-error";
import { fail } from "./emit";
import type { Tf } from "./start-backend";

/** A gap this many times the tolerance means the replay computes something else than the model. */
const MAX_DIFFERENCE = 1;

/** Training rows from `start` on, wrapping round, as one recording-sized batch. */
function trainingBatch(tf: Tf, xs: tfjs.Tensor, size: number, start: number): tfjs.Tensor {
  return tf.tidy(() =>
    tf.gather(
      xs,
      tf.tensor1d(
        Array.from({ length: TRACE_BATCH }, (_, i) => (start + i) % size),
        "int32",
      ),
    ),
  );
}

/** The largest difference between two predictions, 0 where both are NaN (a diverged model is still the same model). */
function largestDifference(a: tfjs.Tensor, b: tfjs.Tensor): number {
  const left = a.dataSync();
  const right = b.dataSync();
  let largest = left.length === right.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [l, r] = [left[i] ?? NaN, right[i] ?? NaN];
    if (Number.isNaN(l) && Number.isNaN(r)) continue;
    const gap = Math.abs(l - r) / (1e-4 + 1e-3 * Math.abs(r));
    if (!(gap <= largest)) largest = gap;
  }
  return largest;
}

export interface RecordingInput {
  tf: Tf;
  model: tfjs.LayersModel;
  /** The model's parameter count: the recording may hold these and a small margin of constants. */
  parameters: number;
  customClasses: string[];
  xs: tfjs.Tensor;
  size: number;
  outputDir: string;
  learnerModulePath: string;
}

export function saveForwardTrace(input: RecordingInput): void {
  const { tf, model, parameters, xs, size, outputDir } = input;
  const classes = input.customClasses.join(", ");
  const untraceable = (detail: string, stack?: string): never =>
    fail(
      "untraceable_model",
      `Your model uses your own layer class(es) ${classes}. ` +
        `The grader scores such a model by recording its forward pass as TensorFlow.js operations ` +
        `and replaying them on the held-out data, ` +
        `away from your code; ${detail}`,
      stack,
    );
  const recordOn = trainingBatch(tf, xs, size, 0);
  const checkOn = trainingBatch(tf, xs, size, TRACE_BATCH);
  let recorded: ReturnType<typeof recordForwardTrace>;
  setLearnerPhase(true);
  try {
    recorded = recordForwardTrace(tf, model, recordOn);
  } catch (error) {
    setLearnerPhase(false);
    return untraceable(`recording it failed: ${describeError(error)}`, learnerStack(error, input.learnerModulePath));
  }
  setLearnerPhase(false);
  const { trace, constantBytes } = recorded;
  const stored = constantValueCount(trace);
  const allowed = parameters + TRACE_CONSTANT_MARGIN;
  if (stored > allowed) {
    fail(
      "too_many_parameters",
      `Your model's forward pass reads ${stored} stored values (weights and constants); ` +
        `it may read ${allowed}: its ${parameters} parameters ` +
        `plus ${TRACE_CONSTANT_MARGIN} for constants such as masks, scales and position tables.`,
    );
  }

  let difference = Infinity;
  try {
    const constants = createConstantTensors(tf, trace, constantBytes);
    const replayed = replayForwardTrace(tf, trace, constants, checkOn);
    setLearnerPhase(true);
    const predicted = model.predict(checkOn, { batchSize: TRACE_BATCH });
    setLearnerPhase(false);
    const first = Array.isArray(predicted) ? predicted[0] : predicted;
    if (!first) throw new Error("the model predicted nothing");
    difference = largestDifference(replayed, first);
  } catch (error) {
    setLearnerPhase(false);
    untraceable(`replaying the recording failed: ${describeError(error)}`);
  }
  if (difference > MAX_DIFFERENCE) {
    untraceable(
      "replayed on other training examples, the recording predicted differently from your model. " +
        "A layer's call() must compute its output with tf operations only: " +
        "values read into JavaScript (dataSync(), arraySync(), array()), branches on them, " +
        "or randomness outside training make the result depend on the examples the recording saw.",
    );
  }
  fs.writeFileSync(path.join(outputDir, "trace.bin"), constantBytes);
  fs.writeFileSync(path.join(outputDir, "trace.json"), JSON.stringify(trace));
}
