// Runs inside the sandbox: loads the TRAIN split, calls the learner's train(), enforces the
// budget and saves the returned model. Everything it prints on stdout is one JSON object per
// line. Nothing printed here is trusted for the score or for whose fault a failure is: the scorer
// outside re-reads the saved files, and the grader blames the platform only for a run that ended
// before the learner_start line, so a learner who forges a line can only confuse their own
// progress display.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  constantValueCount,
  recordForwardTrace,
  replayForwardTrace,
  createConstantTensors,
  TRACE_BATCH,
  TRACE_CONSTANT_ALLOWANCE,
} from "./forward-trace.mjs";
import { registerPlatformLayers } from "./platform-layers.mjs";
import { unscorableLayerClasses } from "./scorable-layers.mjs";
import { seededRandom } from "./seeded-random.mjs";

const writeLine = process.stdout.write.bind(process.stdout);
function emit(message) {
  writeLine(`${JSON.stringify(message)}\n`);
}

// Paths arrive as arguments (the sandbox maps them); the config file holds only plain settings.
const [configFile, dataDir, learnerModulePath, outputDir, wasmTrainingKernels] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(configFile, "utf8"));
const { budget } = config;

// The learner's console output becomes log lines, capped so a chatty loop cannot flood the report.
let logLines = 0;
let learnerPhase = false;
function capture(level) {
  return (...parts) => {
    if (!learnerPhase) return;
    logLines += 1;
    if (logLines > config.maxLogLines) {
      if (logLines === config.maxLogLines + 1)
        emit({ type: "log", level: "warn", text: "[further console output dropped]" });
      return;
    }
    const text = parts.map((part) => (typeof part === "string" ? part : safeInspect(part))).join(" ");
    emit({ type: "log", level, text: text.slice(0, config.maxLogLineChars) });
  };
}
function safeInspect(value) {
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
console.log = capture("info");
console.info = capture("info");
console.debug = capture("info");
console.warn = capture("warn");
console.error = capture("error");

class LearnerError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// A failure record says what went wrong, never whose fault it is: the grader decides that from
// what it observed itself (whether the learner_start line came before the run ended).
const FAILURE_EXIT_CODE = 3;
function fail(code, message, stack) {
  emit({ type: "error", code, message, ...(stack ? { stack } : {}) });
  process.exit(FAILURE_EXIT_CODE);
}

/** Only the stack frames from the learner's own file help them, and only those are shown. */
function learnerStack(error) {
  if (!(error instanceof Error) || typeof error.stack !== "string") return undefined;
  const folder = path.dirname(learnerModulePath);
  const url = `${pathToFileURL(folder).href}/`;
  const frames = error.stack.split("\n").filter((line) => line.includes(folder));
  const shown = frames.slice(0, 8).map((line) => line.trim().replaceAll(url, "").replaceAll(`${folder}/`, ""));
  return shown.length > 0 ? shown.join("\n") : undefined;
}

/** Node hides the reason of some failures (fetch's "fetch failed") in `cause`, so that is shown too. */
function describeError(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  // Node's permission model says only "Access to this API has been restricted"; its code names the rule.
  const code = typeof error.code === "string" && !error.message.includes(error.code) ? ` [${error.code}]` : "";
  return `${error.name}${code}: ${error.message}${cause}${sandboxHint(error)}`;
}

function sandboxHint(error) {
  if (error.code !== "ERR_ACCESS_DENIED") return "";
  const resource = typeof error.resource === "string" && error.resource !== "" ? ` ${error.resource}` : "";
  const what = typeof error.permission === "string" ? ` (${error.permission}${resource})` : "";
  return (
    `. The grading sandbox refused this${what}: ` +
    `train() receives its data as arguments, and may not read or write other files, start processes or use the network.`
  );
}

process.on("unhandledRejection", (error) => {
  fail("exception", describeError(error), learnerStack(error));
});

// tfjs-node(-gpu) re-export the whole tfjs API and register their engine as "tensorflow".
const NATIVE_PACKAGES = { "tensorflow-gpu": "@tensorflow/tfjs-node-gpu", tensorflow: "@tensorflow/tfjs-node" };

/**
 * Runs a forward op and a gradient on the backend, so a backend that loads but cannot compute
 * fails here, before learner_start, rather than inside the learner's train().
 */
function checkBackend() {
  const [product, gradient] = tf.tidy(() => [
    tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 0, 0, 1], [2, 2])).dataSync(),
    tf
      .grad((x) => x.square().sum())(tf.tensor1d([1, 2, 3]))
      .dataSync(),
  ]);
  const expected = [1, 2, 3, 4, 2, 4, 6];
  const got = [...product, ...gradient];
  if (got.length !== expected.length || got.some((value, i) => Math.abs(value - expected[i]) > 1e-5))
    throw new Error(`the ${config.backend} backend computed [${got.join(", ")}] instead of [${expected.join(", ")}]`);
}

// A failure here is the platform's, and the grader can know it without taking this process's word:
// it comes before learner_start, so the learner's module has not been imported and nothing it
// contains has run. Everything this step touches is the platform's (tfjs, the wasm binary and the
// training kernels, bound read-only) or the grader's (the config), so no learner input could have
// made it fail. The self-check makes a backend that loads but computes wrongly fail here too,
// rather than later, where the learner would be charged for it.
let tf;
try {
  const nativePackage = NATIVE_PACKAGES[config.backend];
  tf = await import(nativePackage ?? "@tensorflow/tfjs");
  if (config.backend === "wasm") await import("@tensorflow/tfjs-backend-wasm");
  const engine = nativePackage ? "tensorflow" : config.backend;
  if (!(await tf.setBackend(engine))) throw new Error(`backend ${config.backend} failed to initialise`);
  await tf.ready();
  // Only after the backend is up: the kernels wrap the backend's own, whose set-up (binding the
  // wasm functions) runs when the backend initialises and is skipped for a replaced kernel.
  if (config.backend === "wasm" && wasmTrainingKernels) {
    const kernels = await import(pathToFileURL(wasmTrainingKernels).href);
    kernels.registerWasmTrainingKernels();
  }
  checkBackend();
} catch (error) {
  fail("backend_failed", `TensorFlow.js could not start: ${error instanceof Error ? error.message : String(error)}`);
}

const platformLayers = registerPlatformLayers(tf);

function readArray(folder, spec) {
  const bytes = fs.readFileSync(path.join(folder, spec.file));
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const data = spec.dtype === "float32" ? new Float32Array(copy.buffer) : new Int32Array(copy.buffer);
  return tf.tensor(data, spec.shape, spec.dtype);
}

const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, "manifest.json"), "utf8"));
const xs = readArray(dataDir, manifest.xs);
const targets = readArray(dataDir, manifest.ys);
const numClasses = manifest.classNames?.length;
const data = Object.freeze({
  task: manifest.task,
  /** Inputs of the TRAIN split. */
  xs,
  /** One-hot float targets for classification, [n, 1] values for regression. */
  ys: manifest.task === "classification" ? tf.oneHot(targets, numClasses).toFloat() : targets,
  /** Class ids (int32, [n]) for sparse losses; undefined for regression. */
  labels: manifest.task === "classification" ? targets : undefined,
  size: manifest.xs.shape[0],
  inputShape: manifest.xs.shape.slice(1),
  numClasses,
  classNames: manifest.classNames,
  vocabulary: manifest.vocabulary,
});

// Budget: epochs are counted over every fit() call and every onEpoch() report together.
const startedAt = Date.now();
const deadline = startedAt + budget.trainingSeconds * 1000;
let epochsUsed = 0;
let stoppedAtDeadline = false;
let insideFit = false;

function reportEpoch(loss, metric) {
  epochsUsed += 1;
  emit({
    type: "epoch",
    epoch: epochsUsed,
    loss: Number.isFinite(loss) ? loss : null,
    ...(Number.isFinite(metric) ? { metric } : {}),
    elapsedMs: Date.now() - startedAt,
  });
}

function metricOf(logs) {
  for (const key of [
    "acc",
    "accuracy",
    "categoricalAccuracy",
    "sparseCategoricalAccuracy",
    "mse",
    "meanSquaredError",
  ]) {
    if (typeof logs?.[key] === "number") return logs[key];
  }
  return undefined;
}

function budgetCallback(model) {
  return {
    onBatchEnd: async () => {
      if (Date.now() > deadline) {
        stoppedAtDeadline = true;
        model.stopTraining = true;
      }
    },
    onEpochEnd: async (_epoch, logs) => {
      reportEpoch(logs?.loss, metricOf(logs));
      if (Date.now() > deadline) {
        stoppedAtDeadline = true;
        model.stopTraining = true;
      }
    },
  };
}

function withBudget(model, args) {
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
  const callbacks =
    args?.callbacks === undefined ? [] : Array.isArray(args.callbacks) ? args.callbacks : [args.callbacks];
  return { ...args, epochs: initialEpoch + allowed, callbacks: [...callbacks, budgetCallback(model)] };
}

const originalFit = tf.LayersModel.prototype.fit;
tf.LayersModel.prototype.fit = async function fit(x, y, args) {
  insideFit = true;
  try {
    return await originalFit.call(this, x, y, withBudget(this, args));
  } finally {
    insideFit = false;
  }
};
const originalFitDataset = tf.LayersModel.prototype.fitDataset;
tf.LayersModel.prototype.fitDataset = async function fitDataset(dataset, args) {
  insideFit = true;
  try {
    return await originalFitDataset.call(this, dataset, withBudget(this, args));
  } finally {
    insideFit = false;
  }
};
if (!config.allowCustomLoop) {
  const originalMinimize = tf.Optimizer.prototype.minimize;
  tf.Optimizer.prototype.minimize = function minimize(...args) {
    if (!insideFit)
      throw new LearnerError(
        "custom_loop_not_allowed",
        "This assignment asks you to train with model.fit(); " +
          "custom training loops (optimizer.minimize) are not allowed here.",
      );
    return originalMinimize.apply(this, args);
  };
}

/** For custom training loops: call once per epoch. */
function onEpoch(report = {}) {
  if (epochsUsed >= budget.maxEpochs) {
    throw new LearnerError(
      "over_budget",
      `Your training loop ran more than the ${budget.maxEpochs} epochs the budget allows.`,
    );
  }
  reportEpoch(Number(report.loss), Number(report.metric));
}

// tfjs draws initial weights, dropout masks and fit()'s shuffles from Math.random, so seeding it
// makes a run repeatable: the same code, data and seed train the same model on this backend.
Math.random = seededRandom(config.seed);

// The compiled submission carries an inline source map, so stacks show the learner's own lines.
process.setSourceMapsEnabled(true);
// Everything above ran only the platform's code on the platform's files; from here on the
// learner's code shares this process. The grader reads this line as the boundary between the two.
emit({ type: "learner_start" });
let learnerModule;
try {
  learnerModule = await import(pathToFileURL(learnerModulePath).href);
} catch (error) {
  fail("import_failed", `Your module failed to load: ${describeError(error)}`, learnerStack(error));
}
if (typeof learnerModule.train !== "function") {
  fail(
    "no_train_function",
    "Your module must export an async function named train, " +
      "e.g. `export async function train({ tf, data, budget }) { ... }`.",
  );
}

let model;
learnerPhase = true;
try {
  model = await learnerModule.train({
    tf,
    data,
    budget: Object.freeze({
      maxEpochs: budget.maxEpochs,
      trainingSeconds: budget.trainingSeconds,
      maxParameters: budget.maxParameters,
    }),
    seed: config.seed,
    onEpoch,
    timeLeftMs: () => Math.max(0, deadline - Date.now()),
    shouldStop: () => Date.now() > deadline || epochsUsed >= budget.maxEpochs,
    platformLayers,
  });
} catch (error) {
  learnerPhase = false;
  if (error instanceof LearnerError) fail(error.code, error.message);
  // A WebAssembly trap is reported like any other exception: learner code can throw one itself,
  // and its tensors can drive a backend kernel out of bounds, so the trap proves nothing about
  // whose fault it is. The backend was checked before learner_start (checkBackend).
  fail("exception", `Your train() threw ${describeError(error)}`, learnerStack(error));
}
learnerPhase = false;
const trainingMs = Date.now() - startedAt;

if (!(model instanceof tf.LayersModel)) {
  fail(
    "no_model",
    "train() must return the trained tf.LayersModel (e.g. the tf.sequential() or tf.model() you built); " +
      "it returned something else.",
  );
}
let parameters;
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

let savedTopology;
try {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = Array.isArray(artifacts.weightData)
        ? tf.io.CompositeArrayBuffer.join(artifacts.weightData)
        : artifacts.weightData;
      fs.writeFileSync(path.join(outputDir, "weights.bin"), new Uint8Array(weightData));
      savedTopology = artifacts.modelTopology;
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }],
      };
      fs.writeFileSync(path.join(outputDir, "model.json"), JSON.stringify(modelJson));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
} catch (error) {
  fail(
    "save_failed",
    `Your model could not be saved: ${error instanceof Error ? error.message : String(error)}. ` +
      `Custom layer classes must implement getConfig().`,
  );
}

const customClasses = unscorableLayerClasses(savedTopology);
if (customClasses.length > 0) saveForwardTrace(customClasses);

emit({ type: "done", epochs: epochsUsed, trainingMs, parameters, stoppedAtDeadline });
process.exit(0);

/** Training rows from `start` on, wrapping round, as one recording-sized batch. */
function trainingBatch(start) {
  return tf.tidy(() =>
    tf.gather(
      xs,
      tf.tensor1d(
        Array.from({ length: TRACE_BATCH }, (_, i) => (start + i) % data.size),
        "int32",
      ),
    ),
  );
}

/** The largest difference between two predictions, 0 where both are NaN (a diverged model is still the same model). */
function largestDifference(a, b) {
  const left = a.dataSync();
  const right = b.dataSync();
  let largest = left.length === right.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (Number.isNaN(left[i]) && Number.isNaN(right[i])) continue;
    const gap = Math.abs(left[i] - right[i]) / (1e-4 + 1e-3 * Math.abs(right[i]));
    if (!(gap <= largest)) largest = gap;
  }
  return largest;
}

/**
 * The scorer cannot rebuild the learner's own layer classes, so their forward pass is recorded
 * here (see forward-trace.mjs), on training rows, and checked by replaying it on other rows.
 */
function saveForwardTrace(customClasses) {
  const classes = customClasses.join(", ");
  const untraceable = (detail, stack) =>
    fail(
      "untraceable_model",
      `Your model uses your own layer class(es) ${classes}. ` +
        `The grader scores such a model by recording its forward pass as TensorFlow.js operations ` +
        `and replaying them on the held-out data, ` +
        `away from your code; ${detail}`,
      stack,
    );
  const recordOn = trainingBatch(0);
  const checkOn = trainingBatch(TRACE_BATCH);
  let recorded;
  learnerPhase = true;
  try {
    recorded = recordForwardTrace(tf, model, recordOn);
  } catch (error) {
    learnerPhase = false;
    untraceable(`recording it failed: ${describeError(error)}`, learnerStack(error));
  }
  learnerPhase = false;
  const { trace, constantBytes } = recorded;
  const allowed = budget.maxParameters + TRACE_CONSTANT_ALLOWANCE;
  if (constantValueCount(trace) > allowed) {
    fail(
      "too_many_parameters",
      `Your model's forward pass reads ${constantValueCount(trace)} stored values (weights and constants); ` +
        `the budget allows ${allowed} ` +
        `(${budget.maxParameters} parameters plus ${TRACE_CONSTANT_ALLOWANCE} for constants such as masks).`,
    );
  }

  let difference;
  try {
    const constants = createConstantTensors(tf, trace, constantBytes);
    const replayed = replayForwardTrace(tf, trace, constants, checkOn);
    learnerPhase = true;
    const predicted = model.predict(checkOn, { batchSize: TRACE_BATCH });
    learnerPhase = false;
    difference = largestDifference(replayed, Array.isArray(predicted) ? predicted[0] : predicted);
  } catch (error) {
    learnerPhase = false;
    untraceable(`replaying the recording failed: ${describeError(error)}`);
  }
  if (difference > 1) {
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
