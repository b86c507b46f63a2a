// What the grader tells the training harness: the paths on its command line (the sandbox maps
// them) and the plain settings in config.json. The grader writes the file through this schema and
// the harness reads it back through the same one, so a field added on one side is known to both.
import fs from "node:fs";
import { z } from "zod";

export const HarnessConfigSchema = z.object({
  /**
   * The engine to train on: a tfjs backend, Gradient's native engine (the wasm backend with the
   * oneDNN addon's kernels), or a native libtensorflow package ("tensorflow", "tensorflow-gpu").
   */
  backend: z.enum(["wasm", "cpu", "native", "tensorflow", "tensorflow-gpu"]),
  /** OpenMP threads of the native engine; ignored by the others. */
  nativeThreads: z.number().int().min(1).max(64).default(1),
  budget: z.object({
    /** Epochs over every fit() call and onEpoch() report together; counted in the learner's process, so a guide. */
    maxEpochs: z.number().int().min(0),
    /** Training time after which fit() stops by itself; the sandbox's wall clock is the limit behind it. */
    trainingSeconds: z.number().positive(),
    /** The largest model.countParams() the run may return. */
    maxParameters: z.number().int().positive(),
  }),
  /** Whether train() may update weights outside model.fit() (its own loop, trainOnBatch, variable.assign). */
  allowCustomLoop: z.boolean(),
  /** Seeds Math.random, from which tfjs draws initial weights, dropout masks and shuffles. */
  seed: z.number().int(),
  /** Console lines of the learner's code passed on; the rest are dropped with one notice. */
  maxLogLines: z.number().int().min(0),
  /** Characters kept of each console line. */
  maxLogLineChars: z.number().int().min(1),
  /** How the host read the learner's module: an ES module, or CommonJS wrapped in a function (compile-submission.ts). */
  moduleFormat: z.enum(["esm", "cjs"]),
});
export type HarnessConfig = z.infer<typeof HarnessConfigSchema>;
export type ModuleFormat = HarnessConfig["moduleFormat"];

/** The order of the harness's command-line arguments, which are sandbox paths. */
export interface HarnessArguments {
  configFile: string;
  dataDir: string;
  learnerModulePath: string;
  outputDir: string;
  /** The bundled wasm training kernels; given for the wasm and native engines. */
  wasmTrainingKernels?: string;
  /** The native engine: its bundled kernel registration and the addon file it loads. */
  nativeEngine?: { kernels: string; addon: string };
}

export function harnessArgumentList(args: HarnessArguments): string[] {
  const { configFile, dataDir, learnerModulePath, outputDir, wasmTrainingKernels, nativeEngine } = args;
  return [
    configFile,
    dataDir,
    learnerModulePath,
    outputDir,
    ...(wasmTrainingKernels ? [wasmTrainingKernels] : []),
    ...(wasmTrainingKernels && nativeEngine ? [nativeEngine.kernels, nativeEngine.addon] : []),
  ];
}

export function readHarnessArguments(argv: readonly string[]): { args: HarnessArguments; config: HarnessConfig } {
  const [configFile, dataDir, learnerModulePath, outputDir, wasmTrainingKernels, nativeKernels, nativeAddon] = argv;
  if (!configFile || !dataDir || !learnerModulePath || !outputDir)
    throw new Error(`the harness needs config, data, learner and output paths; it was given ${argv.length}`);
  const config = HarnessConfigSchema.parse(JSON.parse(fs.readFileSync(configFile, "utf8")));
  return {
    args: {
      configFile,
      dataDir,
      learnerModulePath,
      outputDir,
      ...(wasmTrainingKernels ? { wasmTrainingKernels } : {}),
      ...(nativeKernels && nativeAddon ? { nativeEngine: { kernels: nativeKernels, addon: nativeAddon } } : {}),
    },
    config,
  };
}
