// The training harness: runs inside the sandbox, loads the TRAIN split, calls the learner's
// train(), holds it to the budget and saves the returned model. grader/pipeline/harness-bundle.ts
// bundles this file and its imports into the one module the sandbox runs (tfjs stays an import).
//
// Everything it prints on stdout is one JSON object per line (emit.ts). Nothing printed here is
// trusted for the score or for whose fault a failure is: the scorer outside re-reads the saved
// files, and the grader blames the platform only for a run that ended before the learner_start
// line, so a learner who forges a line can only confuse their own progress display.
import type * as tfjs from "@tensorflow/tfjs";
import { registerPlatformLayers } from "../platform-layers.mjs";
import { unscorableLayerClasses } from "../scorable-layers.mjs";
import { seededRandom } from "../seeded-random.mjs";
import { captureConsole, setLearnerPhase } from "./console-capture";
import { forbidCustomLoops } from "./custom-loop-guard";
import { describeError, learnerStack } from "./describe-error";
import { emit, fail, finish } from "./emit";
import { installEpochBudget } from "./epoch-budget";
import { readHarnessArguments } from "./harness-config";
import { loadTrainingData } from "./load-data";
import { loadLearnerTrain } from "./load-learner-module";
import { lockV8Flags } from "./lock-v8-flags";
import { saveForwardTrace } from "./record-forward-pass";
import { brokenRule, LearnerError } from "./refusal";
import { saveModel } from "./save-model";
import { startBackend, type Tf } from "./start-backend";

const { args, config } = readHarnessArguments(process.argv.slice(2));
const { budget } = config;
const stackOf = (error: unknown) => learnerStack(error, args.learnerModulePath);
captureConsole(config);

process.on("unhandledRejection", (error) => {
  // A refusal in a promise the learner's code did not wait for is still that refusal.
  const rule = brokenRule();
  if (rule) fail(rule.code, rule.message, stackOf(rule));
  fail("exception", describeError(error), stackOf(error));
});

// Before learner_start, so a failure here is the platform's (start-backend.ts says why).
let tf: Tf;
try {
  tf = await startBackend(config.backend, {
    ...(args.wasmTrainingKernels ? { wasmTrainingKernels: args.wasmTrainingKernels } : {}),
    ...(args.nativeEngine ? { nativeEngine: { ...args.nativeEngine, threads: config.nativeThreads } } : {}),
  });
} catch (error) {
  fail("backend_failed", `TensorFlow.js could not start: ${error instanceof Error ? error.message : String(error)}`);
}

const platformLayers = registerPlatformLayers(tf);
const data = loadTrainingData(tf, args.dataDir);
const epochBudget = installEpochBudget(tf, budget);
if (!config.allowCustomLoop) forbidCustomLoops(tf);
lockV8Flags();

// tfjs draws initial weights, dropout masks and fit()'s shuffles from Math.random, so seeding it
// makes a run repeatable: the same code, data and seed train the same model on this backend.
Math.random = seededRandom(config.seed);

// The compiled submission carries an inline source map, so stacks show the learner's own lines.
process.setSourceMapsEnabled(true);
// Everything above ran only the platform's code on the platform's files; from here on the
// learner's code shares this process. The grader reads this line as the boundary between the two,
// so it is written synchronously right before the import.
emit({ type: "learner_start" });
let train: unknown;
try {
  train = await loadLearnerTrain(args.learnerModulePath, config.moduleFormat, tf);
} catch (error) {
  // A require of what the sandbox lacks, not caught by the module itself.
  if (error instanceof LearnerError) fail(error.code, error.message, stackOf(error));
  fail("import_failed", `Your module failed to load: ${describeError(error)}`, stackOf(error));
}
if (typeof train !== "function") {
  fail(
    "no_train_function",
    config.moduleFormat === "cjs"
      ? "Your module must export an async function named train, " +
          "e.g. `module.exports = { train }` or `exports.train = async function ({ tf, data, budget }) { ... }`."
      : "Your module must export an async function named train, " +
          "e.g. `export async function train({ tf, data, budget }) { ... }`.",
  );
}

/** A rule broken during train() is the failure, even when the learner's code caught its error and went on. */
function failOnBrokenRule(): void {
  const rule = brokenRule();
  if (rule) fail(rule.code, rule.message, stackOf(rule));
}

let returned: unknown;
setLearnerPhase(true);
try {
  returned = await (train as (context: unknown) => unknown)({
    tf,
    data,
    budget: Object.freeze({
      maxEpochs: budget.maxEpochs,
      trainingSeconds: budget.trainingSeconds,
      maxParameters: budget.maxParameters,
    }),
    seed: config.seed,
    onEpoch: epochBudget.onEpoch,
    timeLeftMs: epochBudget.timeLeftMs,
    shouldStop: epochBudget.shouldStop,
    platformLayers,
  });
} catch (error) {
  setLearnerPhase(false);
  failOnBrokenRule();
  if (error instanceof LearnerError) fail(error.code, error.message, stackOf(error));
  // A WebAssembly trap is reported like any other exception: learner code can throw one itself,
  // and its tensors can drive a backend kernel out of bounds, so the trap proves nothing about
  // whose fault it is. The backend was checked before learner_start (start-backend.ts).
  fail("exception", `Your train() threw ${describeError(error)}`, stackOf(error));
}
setLearnerPhase(false);
failOnBrokenRule();
const trainingMs = Date.now() - epochBudget.startedAt;

if (!(returned instanceof tf.LayersModel)) {
  fail(
    "no_model",
    "train() must return the trained tf.LayersModel (e.g. the tf.sequential() or tf.model() you built); " +
      "it returned something else.",
  );
}
const model: tfjs.LayersModel = returned;
let parameters = 0;
try {
  parameters = model.countParams();
} catch (error) {
  // An empty tf.sequential() (an untouched starter) or a model without an input shape fails here.
  fail(
    "invalid_model",
    `Your model could not be built (${describeError(error)}) ` +
      `Give it at least one layer, the first with inputShape: data.inputShape, and train it before returning it.`,
  );
}
if (parameters > budget.maxParameters) {
  fail("too_many_parameters", `Your model has ${parameters} parameters; the budget allows ${budget.maxParameters}.`);
}

let savedTopology: unknown;
try {
  savedTopology = await saveModel(tf, model, args.outputDir);
} catch (error) {
  // The output folder has room for the saved model alone (a tmpfs of fixed size and number of
  // files, see grader/sandbox/output-tmpfs.ts): it is full only when the learner's code wrote there.
  if (error instanceof Error && "code" in error && error.code === "ENOSPC") {
    fail(
      "save_failed",
      `Your model could not be saved: the output folder is full (${error.message}). ` +
        `It has room for the saved model only; do not write files of your own there.`,
    );
  }
  fail(
    "save_failed",
    `Your model could not be saved: ${error instanceof Error ? error.message : String(error)}. ` +
      `Custom layer classes must implement getConfig().`,
  );
}

const customClasses = unscorableLayerClasses(savedTopology);
if (customClasses.length > 0) {
  saveForwardTrace({
    tf,
    model,
    parameters,
    customClasses,
    xs: data.xs,
    size: data.size,
    outputDir: args.outputDir,
    learnerModulePath: args.learnerModulePath,
  });
}

emit({
  type: "done",
  epochs: epochBudget.epochsUsed(),
  trainingMs,
  parameters,
  stoppedAtDeadline: epochBudget.wasStoppedAtDeadline(),
});
finish();
