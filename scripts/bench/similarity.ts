// The similarity analysis on a class-sized input: 500 submissions of about 200 lines, generated with
// a fixed seed (each a mix of TF.js model code, helpers and statements drawn at random, so most pairs
// share only boilerplate), 10 of them renamed copies of others. Runs in a child process of its own,
// so the peak resident memory is the analysis's alone.
import { spawnSync } from "node:child_process";
import { compareFiles, type SourceFile } from "../../lib/similarity/compare-files";

export interface SimilarityBench {
  submissions: number;
  linesPerSubmission: number;
  /** Wall time of tokenising, fingerprinting, pairing and building the stored pairs' fragments. */
  analysisMs: number;
  peakRssMb: number;
  storedPairs: number;
  /** How many of the planted copies are among the highest-ranked pairs (as many as were planted). */
  plantedInTop: number;
  planted: number;
}

const SUBMISSIONS = 500;
const TARGET_LINES = 200;
const PLANTED = 10;

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const LAYERS = ["dense", "conv2d", "maxPooling2d", "dropout", "batchNormalization", "flatten", "lstm", "embedding"];
const OPTIONS = ["units", "filters", "kernelSize", "rate", "poolSize", "activation", "padding", "returnSequences"];
const OPERATORS = ["+", "-", "*", "/", "%"];

/** One random function of a few to a dozen lines, in the style of learners' model code. */
function randomFunction(next: () => number, index: number): string[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const name = `helper${index}_${Math.floor(next() * 1e6)}`;
  const lines = [`function ${name}(tf, x${index}, options) {`];
  const count = 3 + Math.floor(next() * 10);
  for (let line = 0; line < count; line += 1) {
    const kind = next();
    if (kind < 0.3) {
      const options = Array.from(
        { length: 1 + Math.floor(next() * 3) },
        () => `${pick(OPTIONS)}: ${Math.floor(next() * 128)}`,
      );
      lines.push(`  const layer${line} = tf.layers.${pick(LAYERS)}({ ${options.join(", ")} });`);
    } else if (kind < 0.55) {
      lines.push(
        `  let value${line} = x${index} ${pick(OPERATORS)} ${(next() * 10).toFixed(2)} ${pick(OPERATORS)} options.${pick(OPTIONS)};`,
      );
    } else if (kind < 0.7) {
      lines.push(`  if (options.${pick(OPTIONS)} > ${Math.floor(next() * 50)}) {`);
      lines.push(`    console.log("step ${line}", x${index}.shape, options.${pick(OPTIONS)});`);
      lines.push("  }");
    } else if (kind < 0.85) {
      lines.push(`  for (let i = 0; i < ${Math.floor(next() * 20)}; i += ${1 + Math.floor(next() * 3)}) {`);
      lines.push(
        `    x${index} = tf.tidy(() => x${index}.${pick(["add", "mul", "sub", "div"])}(tf.scalar(${next().toFixed(3)})));`,
      );
      lines.push("  }");
    } else {
      lines.push(
        `  const summary${line} = [${Array.from({ length: 4 }, () => Math.floor(next() * 9)).join(", ")}].map((n) => n * ${Math.floor(next() * 7)});`,
      );
    }
  }
  lines.push(`  return x${index};`, "}", "");
  return lines;
}

/** A submission: the lab's entry point, then random helpers up to about TARGET_LINES lines. */
function makeSubmission(seed: number): string {
  const next = random(seed);
  const lines = [
    `// Submission ${seed}`,
    "export async function train({ tf, data, budget }) {",
    "  const model = tf.sequential();",
    "  model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: data.inputShape }));",
    "  model.add(tf.layers.dense({ units: data.numClasses, activation: 'softmax' }));",
    "  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });",
    "  await model.fit(data.xs, data.ys, { epochs: Math.min(10, budget.maxEpochs), batchSize: 64, verbose: 0 });",
    "  return model;",
    "}",
    "",
  ];
  for (let index = 0; lines.length < TARGET_LINES; index += 1) lines.push(...randomFunction(next, index));
  return lines.join("\n");
}

/** The same program with every helper and local renamed and the functions in reverse order. */
function plantCopy(code: string, tag: number): string {
  const renamed = code.replace(/\b(helper\d+_\d+|layer\d+|value\d+|summary\d+|x\d+)\b/g, `$1_copy${tag}`);
  const functions = renamed.split("\n\n");
  return functions.reverse().join("\n\n");
}

function measure(): SimilarityBench {
  const files: SourceFile[] = Array.from({ length: SUBMISSIONS - PLANTED }, (_, index) => ({
    key: `s${index}`,
    code: makeSubmission(index + 1),
    language: "javascript" as const,
  }));
  for (let index = 0; index < PLANTED; index += 1) {
    const source = files[index * 7];
    if (source)
      files.push({ key: `copy-of-${source.key}`, code: plantCopy(source.code, index), language: "javascript" });
  }
  const started = performance.now();
  const pairs = compareFiles({ files });
  const analysisMs = Math.round(performance.now() - started);
  const top = pairs.slice(0, PLANTED);
  return {
    submissions: files.length,
    linesPerSubmission: Math.round(files.reduce((sum, file) => sum + file.code.split("\n").length, 0) / files.length),
    analysisMs,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    storedPairs: pairs.length,
    plantedInTop: top.filter((pair) => pair.leftKey.startsWith("copy-of-") || pair.rightKey.startsWith("copy-of-"))
      .length,
    planted: PLANTED,
  };
}

/** Runs the measurement in a fresh child process and returns what it printed. */
export function benchSimilarity(): SimilarityBench {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, "--child"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 600_000,
  });
  if (child.status !== 0) throw new Error(`the similarity benchmark failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as SimilarityBench;
}

if (process.argv.includes("--child") && process.argv[1] === __filename) {
  console.log(JSON.stringify(measure()));
}
