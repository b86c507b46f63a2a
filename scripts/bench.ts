// Training and inference throughput of the course's reference models on every installed backend.
// `npm run bench -- --json` prints one JSON object as its last line; `--compare-torch` adds
// PyTorch (Debian's python3-torch) on the same thread counts, and the ratios; `--rounds=N` keeps
// each engine's best of N runs. It ends with the scorer's two prediction paths on one model, and the
// course analytics queries on a synthetic course (scripts/bench/analytics.ts); `--analytics-only`
// measures only those.
//
// Each (engine, model) pair runs in its own child process: a backend's thread pool is fixed when it
// first starts, and a fresh process makes the peak resident memory that model's alone. On a shared
// machine the figures move with the load; compare the ratios of one run, not figures across runs.
import { execFileSync, spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type * as tfTypes from "@tensorflow/tfjs";
import { z } from "zod";
import { type BackendPreference, selectBackend } from "../grader/backends/select-backend";
import { parseCommandLine } from "../lib/command-line";
import { BUILDERS, MODEL_NAMES, type ModelName } from "./bench/models";
import { benchScoring } from "./bench/scoring";
import { benchAnalytics } from "./bench/analytics";
import { logger } from "../lib/log";
import { benchSimilarity } from "./bench/similarity";

/** Samples per measurement: a few seconds each on the wasm engine. */
const SAMPLES: Record<ModelName, { train: number; inference: number }> = {
  mlp: { train: 12800, inference: 10000 },
  cnn: { train: 1920, inference: 5000 },
  lstm: { train: 640, inference: 1000 },
  transformer: { train: 640, inference: 1000 },
};
/** The pure-JS cpu backend trains the CNN at a few samples per second: one batch is measured. */
const CPU_SAMPLES: Record<ModelName, { train: number; inference: number }> = {
  mlp: { train: 1280, inference: 2000 },
  cnn: { train: 64, inference: 500 },
  lstm: { train: 64, inference: 500 },
  transformer: { train: 32, inference: 500 },
};
/** Measured here: one LSTM batch on the cpu backend ran over 5 minutes and grew past 6 GB. */
const CPU_SKIPS: Partial<Record<ModelName, string>> = {
  lstm: "the pure-JS cpu backend took over 5 minutes and 6 GB for one batch",
};
const INFERENCE_BATCH = 500;

const USAGE = "usage: npm run bench -- [--json] [--compare-torch] [--rounds=N] [--analytics-only]";

/**
 * The person's options, or (--child, which only this script passes) the one engine and model a
 * child process measures.
 */
const ArgsSchema = z.discriminatedUnion("child", [
  z.object({
    child: z.literal(true),
    positionals: z.tuple([
      z.enum(["tensorflow-gpu", "tensorflow", "native", "wasm", "cpu"]),
      z.coerce.number().int().min(1),
      z.enum(MODEL_NAMES),
    ]),
  }),
  z.object({
    child: z.literal(false),
    positionals: z.tuple([], { error: "no words besides the options" }),
    json: z.boolean(),
    "compare-torch": z.boolean(),
    "analytics-only": z.boolean(),
    rounds: z.coerce
      .number({ error: "--rounds must be a whole number" })
      .int("--rounds must be a whole number")
      .min(1, "--rounds must be at least 1"),
  }),
]);

interface Engine {
  /** Key in the report. */
  key: string;
  backend: BackendPreference;
  threads: number;
}

const ENGINES: Engine[] = [
  { key: "tensorflow-gpu", backend: "tensorflow-gpu", threads: os.availableParallelism() },
  { key: "tensorflow", backend: "tensorflow", threads: os.availableParallelism() },
  { key: "native", backend: "native", threads: 1 },
  ...(os.availableParallelism() > 1
    ? [
        {
          key: `native-${os.availableParallelism()}-threads`,
          backend: "native" as const,
          threads: os.availableParallelism(),
        },
      ]
    : []),
  { key: "wasm", backend: "wasm", threads: 1 },
  ...(os.availableParallelism() > 1
    ? [
        {
          key: `wasm-${os.availableParallelism()}-threads`,
          backend: "wasm" as const,
          threads: os.availableParallelism(),
        },
      ]
    : []),
  { key: "cpu", backend: "cpu", threads: 1 },
];

interface Measurement {
  trainSamplesPerSec: number;
  inferenceSamplesPerSec: number;
  /** Peak resident set size of the process that trained and ran only this model (MB). */
  peakRssMb: number;
  trainRatioVsCpu?: number;
  torchTrainSamplesPerSec?: number;
  torchInferenceSamplesPerSec?: number;
  trainRatioVsTorch?: number;
  inferenceRatioVsTorch?: number;
}

interface ChildResult {
  backend: string;
  detail: string;
  threads: number;
  isDeterministic: boolean;
  measurement: Measurement;
}

interface EngineReport {
  backend: string;
  detail: string;
  threads: number;
  isDeterministic: boolean;
  models: Partial<Record<ModelName, Measurement | { skipped: string }>>;
}

type TorchResults = Record<string, { trainSamplesPerSec: number; inferenceSamplesPerSec: number }>;

const round = (n: number) => Math.round(n * 10) / 10;
/** Three significant digits, so that a ratio of 0.0008 does not print as 0. */
const ratio = (a: number, b: number) => Number((a / b).toPrecision(3));

async function measure(
  tf: typeof tfTypes,
  name: ModelName,
  samples: { train: number; inference: number },
): Promise<Omit<Measurement, "peakRssMb">> {
  const ref = BUILDERS[name](tf);
  const { x, y } = ref.batch(ref.batchSize);
  // The first batch compiles kernels and sizes the heap; it is not timed.
  await ref.model.trainOnBatch(x, y);
  const batches = Math.max(1, Math.round(samples.train / ref.batchSize));
  const trainStart = performance.now();
  for (let i = 0; i < batches; i++) await ref.model.trainOnBatch(x, y);
  const trainSeconds = (performance.now() - trainStart) / 1000;
  tf.dispose([x, y]);

  const { x: inputs } = ref.batch(INFERENCE_BATCH);
  tf.dispose(ref.model.predict(inputs, { batchSize: INFERENCE_BATCH }));
  const rounds = Math.max(1, Math.round(samples.inference / INFERENCE_BATCH));
  const inferenceStart = performance.now();
  for (let i = 0; i < rounds; i++) {
    const out = ref.model.predict(inputs, { batchSize: INFERENCE_BATCH }) as tfTypes.Tensor;
    await out.data();
    out.dispose();
  }
  const inferenceSeconds = (performance.now() - inferenceStart) / 1000;
  inputs.dispose();
  ref.model.dispose();
  return {
    trainSamplesPerSec: round((batches * ref.batchSize) / trainSeconds),
    inferenceSamplesPerSec: round((rounds * INFERENCE_BATCH) / inferenceSeconds),
  };
}

/** Child process: one model on one engine; prints a ChildResult, or null when the engine is absent. */
async function runChild(backend: BackendPreference, threads: number, name: ModelName): Promise<void> {
  const selected = await selectBackend(backend, { wasmThreads: threads, nativeThreads: threads });
  if (selected.name !== backend) {
    console.log("null");
    return;
  }
  const measured = await measure(selected.tf, name, backend === "cpu" ? CPU_SAMPLES[name] : SAMPLES[name]);
  const result: ChildResult = {
    backend: selected.name,
    detail: selected.detail,
    threads: selected.threads,
    isDeterministic: selected.isDeterministic,
    measurement: { ...measured, peakRssMb: round(process.resourceUsage().maxRSS / 1024) },
  };
  console.log(JSON.stringify(result));
}

function spawnChild(engine: Engine, name: ModelName): ChildResult | null {
  // process.execArgv carries tsx's loader flags, so the child runs this same TypeScript file.
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, "--child", engine.backend, String(engine.threads), name],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 16 * 2 ** 20,
    },
  );
  const last = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !last)
    throw new Error(`bench child ${engine.key}/${name} failed (exit ${child.status}):\n${child.stderr}`);
  return JSON.parse(last) as ChildResult | null;
}

/** Debian's python3-torch lives in the system interpreter, which a pyenv `python3` may shadow. */
function torchPython(): string | undefined {
  for (const candidate of ["python3", "/usr/bin/python3"]) {
    try {
      execFileSync(candidate, ["-c", "import torch"], { stdio: "ignore" });
      return candidate;
    } catch {
      // Try the next interpreter.
    }
  }
  return undefined;
}

function torchResult(python: string, threads: number, name: ModelName): TorchResults[string] {
  const script = path.join(__dirname, "bench", "torch_bench.py");
  // The script measures only the models named in its samples argument.
  const output = execFileSync(python, [script, String(threads), JSON.stringify({ [name]: SAMPLES[name].train })], {
    encoding: "utf8",
    timeout: 600_000,
  });
  const results = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as TorchResults;
  const result = results[name];
  if (!result) throw new Error(`torch_bench.py printed no result for ${name}`);
  return result;
}

async function main(): Promise<void> {
  const args = parseCommandLine({
    usage: USAGE,
    options: {
      child: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "compare-torch": { type: "boolean", default: false },
      "analytics-only": { type: "boolean", default: false },
      rounds: { type: "string", default: "1" },
    },
    allowPositionals: true,
    schema: ArgsSchema,
  });
  if (args.child) {
    const [backend, threads, name] = args.positionals;
    await runChild(backend, threads, name);
    return;
  }
  const { rounds } = args;
  // With --json, stdout carries only the JSON line; the measurements as they come go to stderr.
  const log = args.json ? (line: string) => process.stderr.write(`${line}\n`) : (line: string) => console.log(line);
  const logAnalytics = (analytics: Awaited<ReturnType<typeof benchAnalytics>>) =>
    log(
      `analytics on ${analytics.learners} learners, ${analytics.submissions} submissions, ` +
        `${analytics.quizAttempts} quiz attempts: enrolment ${analytics.enrolmentTimelineMs} ms, ` +
        `labs ${analytics.labStatisticsMs} ms, quiz items ${analytics.quizItemStatisticsMs} ms, ` +
        `exam ${analytics.examScoreDistributionMs} ms, labs CSV ${analytics.labsCsvMs} ms`,
    );
  if (args["analytics-only"]) {
    const analytics = await benchAnalytics(logger.child({ component: "bench" }));
    logAnalytics(analytics);
    console.log(JSON.stringify({ analytics }));
    return;
  }
  const backends: Record<string, EngineReport> = {};
  const torch: Record<string, TorchResults> = {};
  const notes: string[] = [];
  const python = args["compare-torch"] ? torchPython() : undefined;
  if (args["compare-torch"] && !python) notes.push("PyTorch is not importable (apt-get install python3-torch)");
  const absent = new Set<string>();
  // Engines (and PyTorch) take turns model by model, so that a burst of load from elsewhere on the
  // machine hits all of them alike; with --rounds=N each keeps its best of N runs.
  for (let round = 1; round <= rounds; round++) {
    for (const name of MODEL_NAMES) {
      for (const engine of ENGINES.filter((e) => !absent.has(e.key))) {
        const skipped = engine.backend === "cpu" ? CPU_SKIPS[name] : undefined;
        const existing = backends[engine.key];
        if (skipped && existing) {
          existing.models[name] = { skipped };
          continue;
        }
        // The cpu backend needs minutes per model; one run of it is enough for a ratio.
        if (engine.backend === "cpu" && round > 1) continue;
        const result = spawnChild(engine, name);
        if (!result) {
          absent.add(engine.key);
          notes.push(`${engine.backend}: not installed`);
          continue;
        }
        const entry = (backends[engine.key] ??= {
          backend: result.backend,
          detail: result.detail,
          threads: result.threads,
          isDeterministic: result.isDeterministic,
          models: {},
        });
        const m = result.measurement;
        const best = entry.models[name];
        if (!best || !("trainSamplesPerSec" in best)) entry.models[name] = m;
        else
          Object.assign(best, {
            trainSamplesPerSec: Math.max(best.trainSamplesPerSec, m.trainSamplesPerSec),
            inferenceSamplesPerSec: Math.max(best.inferenceSamplesPerSec, m.inferenceSamplesPerSec),
            peakRssMb: Math.max(best.peakRssMb, m.peakRssMb),
          });
        log(
          `round ${round} ${engine.key.padEnd(16)} ${name.padEnd(12)} train ${m.trainSamplesPerSec} samples/s, ` +
            `inference ${m.inferenceSamplesPerSec} samples/s, peak RSS ${m.peakRssMb} MB`,
        );
      }
      for (const threads of python ? [...new Set(Object.values(backends).map((entry) => entry.threads))] : []) {
        const reference = torchResult(python as string, threads, name);
        const perThreads = (torch[threads] ??= {});
        const best = perThreads[name];
        perThreads[name] = best
          ? {
              trainSamplesPerSec: Math.max(best.trainSamplesPerSec, reference.trainSamplesPerSec),
              inferenceSamplesPerSec: Math.max(best.inferenceSamplesPerSec, reference.inferenceSamplesPerSec),
            }
          : reference;
        log(
          `round ${round} ${`pytorch-${threads}`.padEnd(16)} ${name.padEnd(12)} ` +
            `train ${reference.trainSamplesPerSec} samples/s, ` +
            `inference ${reference.inferenceSamplesPerSec} samples/s`,
        );
      }
    }
  }
  const measured = (entry: EngineReport) =>
    Object.entries(entry.models).filter((pair): pair is [ModelName, Measurement] => "trainSamplesPerSec" in pair[1]);
  const cpu = backends.cpu;
  for (const [key, entry] of Object.entries(backends)) {
    for (const [name, m] of measured(entry)) {
      const cpuReference = cpu?.models[name];
      if (cpuReference && "trainSamplesPerSec" in cpuReference && entry !== cpu)
        m.trainRatioVsCpu = ratio(m.trainSamplesPerSec, cpuReference.trainSamplesPerSec);
      const reference = torch[entry.threads]?.[name];
      if (!reference) continue;
      Object.assign(m, {
        torchTrainSamplesPerSec: reference.trainSamplesPerSec,
        torchInferenceSamplesPerSec: reference.inferenceSamplesPerSec,
        trainRatioVsTorch: ratio(m.trainSamplesPerSec, reference.trainSamplesPerSec),
        inferenceRatioVsTorch: ratio(m.inferenceSamplesPerSec, reference.inferenceSamplesPerSec),
      });
      log(
        `${key.padEnd(16)} ${name.padEnd(12)} vs PyTorch (${entry.threads} thread(s)): ` +
          `train x${m.trainRatioVsTorch}, inference x${m.inferenceRatioVsTorch}`,
      );
    }
  }
  const scoring = await benchScoring(Math.max(rounds, 2));
  log(
    `scoring ${scoring.heldOutRows} rows (${scoring.model}): rebuilt from model.json ${scoring.rebuildMs} ms, ` +
      `recorded pass replayed ${scoring.replayMs} ms (x${scoring.replayVsRebuild}), ` +
      `same accuracy: ${scoring.isSameAccuracy}`,
  );
  const analytics = await benchAnalytics(logger.child({ component: "bench" }));
  logAnalytics(analytics);
  const similarity = benchSimilarity();
  log(
    `similarity: ${similarity.submissions} submissions of ~${similarity.linesPerSubmission} lines analysed in ` +
      `${similarity.analysisMs} ms, peak RSS ${similarity.peakRssMb} MB, ${similarity.storedPairs} pairs kept, ` +
      `${similarity.plantedInTop} of ${similarity.planted} planted copies ranked first`,
  );
  for (const note of notes) log(`note: ${note}`);
  console.log(
    JSON.stringify({
      rounds,
      samples: SAMPLES,
      cpuSamples: CPU_SAMPLES,
      backends,
      torch,
      scoring,
      analytics,
      similarity,
      notes,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
