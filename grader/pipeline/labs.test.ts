// Grades the course's labs end to end: real data, the real sandbox, the trusted scorer. Each lab's
// reference solution must pass and its deliberately weak submission must fail, so a broken grader,
// data set or threshold cannot hide behind the unit tests.
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { certificationOf } from "@/lib/assignments/certification";
import { assignmentDir, loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import { GradingReceiptSchema } from "@/lib/assignments/spec-schema";
import { childEnvironment } from "@/lib/env";
import { gradeSubmission, type GradeProgress } from "./grade-submission";
import { GRADER_VERSION } from "./version";

const COURSE = "ml-foundations";
const execFileAsync = promisify(execFile);
/** Every lab of the course: its reference solution must pass and its weak one fail. */
const LABS = ["linear-regression", "mnist-dense", "fashion-cnn", "spam-lstm", "attention-capstone"];

function labFile(slug: string, file: string): string {
  return path.join(assignmentDir(COURSE, slug), file);
}

const ROOT = path.resolve(import.meta.dirname, "../..");

interface CliSummary {
  status: string;
  failureKind: string | null;
  failureCode: string | null;
  message: string;
  score: number | null;
  threshold: number;
  epochs: number;
  rule: string | null;
  runs: { run: number; seed: number; score: number | null; trainingMs: number }[];
  mean: number | null;
  standardDeviation: number | null;
  interval: { low: number; high: number } | null;
  receipt: unknown;
}

const GRADE_ENVIRONMENT = childEnvironment({ SIGNING_KEY: undefined, SIGNING_KEY_FILE: undefined });

/** Grades through `npm run grade` (the same command a person runs), returning its final JSON line. */
async function gradeWithCli(slug: string, file: string): Promise<{ code: string; summary: CliSummary }> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ["--import", "tsx", "scripts/grade.ts", "--assignment", slug, "--file", labFile(slug, file), "--json"],
    // As a person runs it: without the signing key, which it refuses (the test runner's environment has one).
    { cwd: ROOT, maxBuffer: 16 * 2 ** 20, env: GRADE_ENVIRONMENT },
  );
  return {
    code: fs.readFileSync(labFile(slug, file), "utf8"),
    summary: JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as CliSummary,
  };
}

/** `npm run grade --json` prints every run the lab asks for, with the mean and (for several runs) the interval. */
function assertRuns(slug: string, summary: CliSummary): void {
  const { runs, rule } = certificationOf(loadAssignmentSpec(COURSE, slug));
  assert.equal(summary.rule, rule);
  assert.deepEqual(
    summary.runs.map((run) => run.run),
    Array.from({ length: runs }, (_, index) => index + 1),
  );
  assert.equal(summary.runs[0]?.seed, 1);
  assert.equal(new Set(summary.runs.map((run) => run.seed)).size, runs);
  assert.ok(summary.runs.every((run) => run.score !== null && Number.isFinite(run.score) && run.trainingMs > 0));
  const scores = summary.runs.map((run) => run.score ?? Number.NaN);
  const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
  assert.ok(summary.mean !== null && Math.abs(summary.mean - mean) < 1e-12);
  if (runs === 1) {
    assert.equal(summary.interval, null);
  } else {
    assert.ok(summary.interval && summary.interval.low <= mean && mean <= summary.interval.high);
    assert.ok(summary.standardDeviation !== null && summary.standardDeviation >= 0);
  }
}

function assertReceipt(receiptJson: unknown, code: string): void {
  const receipt = GradingReceiptSchema.parse(receiptJson);
  assert.equal(receipt.codeSha256, createHash("sha256").update(code).digest("hex"));
  assert.equal(receipt.graderVersion, GRADER_VERSION);
  assert.equal(receipt.seed, 1);
  assert.notEqual(receipt.datasetSha256, receipt.heldOutSha256);
  assert.ok(receipt.trainingMs > 0);
}

describe(
  "every lab, graded with npm run grade, passes its reference and fails its weak solution",
  { concurrency: 2 },
  () => {
    for (const slug of LABS) {
      it(`${slug}: the reference solution passes`, async () => {
        const { code, summary } = await gradeWithCli(slug, "reference.js");
        assert.equal(summary.status, "passed", summary.message);
        assert.ok(summary.score !== null);
        const { direction, threshold } = loadAssignmentSpec(COURSE, slug).metric;
        assert.ok(direction === "higher" ? summary.score >= threshold : summary.score <= threshold);
        assert.ok(summary.epochs > 0);
        assertRuns(slug, summary);
        assertReceipt(summary.receipt, code);
      });

      it(`${slug}: the weak submission fails on the metric`, async () => {
        const { code, summary } = await gradeWithCli(slug, "weak.js");
        assert.equal(summary.status, "failed", summary.message);
        assert.equal(summary.failureKind, "learner");
        assert.equal(summary.failureCode, "below_threshold", summary.message);
        assert.ok(summary.score !== null && Number.isFinite(summary.score));
        assertRuns(slug, summary);
        assertReceipt(summary.receipt, code);
      });
    }
  },
);

describe("progress while grading", () => {
  it("reports each stage of each run and every epoch as it ends, marked with its run", async () => {
    const events: GradeProgress[] = [];
    // Lab 1 makes one run; three are asked for here, since it trains in seconds.
    const runs = 3;
    const result = await gradeSubmission({
      spec: loadAssignmentSpec(COURSE, "linear-regression"),
      code: fs.readFileSync(labFile("linear-regression", "reference.js"), "utf8"),
      seed: 1,
      runs,
      onProgress: (event) => events.push(event),
    });
    assert.equal(result.status, "passed", result.message);
    const stages = events.flatMap((event) => (event.type === "stage" ? [event] : []));
    assert.deepEqual(
      stages.slice(0, 2).map((event) => event.stage),
      ["preparing", "compiling"],
    );
    for (let run = 1; run <= runs; run++) {
      // Runs may train side by side, so only the order within a run is fixed.
      const ofRun = stages.filter((event) => event.run === run);
      assert.deepEqual(
        ofRun.map((event) => [event.stage, event.runs]),
        [
          ["training", runs],
          ["scoring", runs],
        ],
      );
      const curve = result.curves.filter((point) => point.run === run);
      assert.ok(curve.length > 0, `run ${run} reported no epochs`);
      assert.ok(curve.every((point) => point.loss !== null && Number.isFinite(point.loss)));
    }
    const epochs = events.filter((event) => event.type === "epoch");
    assert.equal(epochs.length, result.curves.length);
    assert.ok(epochs.every((event) => event.type === "epoch" && event.run !== undefined));
    assert.deepEqual(
      result.receipt?.certification.runs.map((run) => run.run),
      Array.from({ length: runs }, (_, index) => index + 1),
    );
  });

  it("a lab of one run reports its stages once, unmarked, as before", async () => {
    const events: GradeProgress[] = [];
    const spec = loadAssignmentSpec(COURSE, "linear-regression");
    assert.equal(certificationOf(spec).runs, 1);
    const result = await gradeSubmission({
      spec,
      code: fs.readFileSync(labFile("linear-regression", "reference.js"), "utf8"),
      seed: 1,
      onProgress: (event) => events.push(event),
    });
    assert.equal(result.status, "passed", result.message);
    const stages = events.flatMap((event) => (event.type === "stage" ? [event] : []));
    assert.deepEqual(
      stages.map((event) => [event.stage, event.run]),
      [
        ["preparing", undefined],
        ["compiling", undefined],
        ["training", undefined],
        ["scoring", undefined],
      ],
    );
    assert.ok(result.curves.every((point) => point.run === undefined));
    assert.equal(result.receipt?.certification.runs.length, 1);
    assert.equal(result.receipt?.certification.statistics?.interval, null);
  });
});

describe("an attempt over several seeds", () => {
  it("ends as the learner's charged failure when one run fails, naming the run and its seed", async () => {
    const spec = loadAssignmentSpec(COURSE, "linear-regression");
    const reference = fs.readFileSync(labFile("linear-regression", "reference.js"), "utf8");
    // Only the first run's seed is 1: every later run throws.
    const code = reference.replace(
      "export async function train({",
      "export async function train(context) {\n  if (context.seed !== 1) throw new Error(`unlucky seed ${context.seed}`);\n  return trainFor(context);\n}\n\nasync function trainFor({",
    );
    assert.notEqual(code, reference);
    const result = await gradeSubmission({ spec, code, seed: 1, runs: 3 });
    assert.equal(result.status, "failed");
    assert.equal(result.failureKind, "learner");
    assert.equal(result.failureCode, "exception", result.message);
    assert.match(result.message, /^Run [23] of 3 \(seed \d+\): .*unlucky seed/);
    assert.equal(result.score, null);
  });
});

const TYPESCRIPT_SOLUTION = `import type * as tfjs from "@tensorflow/tfjs";

interface TrainArgs {
  tf: typeof tfjs;
  data: { xs: tfjs.Tensor; ys: tfjs.Tensor; inputShape: number[] };
  budget: { maxEpochs: number };
}

export async function train({ tf, data, budget }: TrainArgs): Promise<tfjs.LayersModel> {
  const model: tfjs.Sequential = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: data.inputShape })] });
  model.compile({ optimizer: tf.train.adam(0.1), loss: "meanSquaredError" });
  const epochs: number = Math.min(30, budget.maxEpochs);
  await model.fit(data.xs, data.ys, { epochs, batchSize: 64, verbose: 0 });
  return model;
}
`;

describe("submissions in either language", () => {
  const spec = loadAssignmentSpec(COURSE, "linear-regression");

  it("compiles and grades a TypeScript submission", async () => {
    const result = await gradeSubmission({ spec, code: TYPESCRIPT_SOLUTION, language: "typescript", seed: 1 });
    assert.equal(result.status, "passed", result.message);
    assert.equal(result.curves.length, 30);
  });

  it("points a TypeScript exception at the learner's own line", async () => {
    const code =
      `export async function train(): Promise<never> {\n` +
      `  const reason: string = "no model yet";\n  throw new Error(reason);\n}\n`;
    const result = await gradeSubmission({ spec, code, language: "typescript", seed: 1 });
    assert.equal(result.failureKind, "learner");
    assert.equal(result.failureCode, "exception", result.message);
    assert.match(result.message, /no model yet/);
    assert.match(result.message, /submission:3/);
  });

  it("reports a syntax error as the learner's, with its line number, without starting a sandbox", async () => {
    const code =
      "export async function train({ tf, data }) {\n  const model = tf.sequential();\n" +
      "  model.add(tf.layers.dense({ units: 1 });\n  return model;\n}\n";
    const result = await gradeSubmission({ spec, code, seed: 1 });
    assert.equal(result.status, "failed");
    assert.equal(result.failureKind, "learner");
    assert.equal(result.failureCode, "syntax_error");
    assert.match(result.message, /line 3\b/);
    assert.equal(result.receipt?.trainingMs, 0);
  });

  it("an untouched starter fails with a message that says what to add, not a crash", async () => {
    const code = fs.readFileSync(labFile("mnist-dense", "starter.js"), "utf8");
    const result = await gradeSubmission({ spec: loadAssignmentSpec(COURSE, "mnist-dense"), code, seed: 1 });
    assert.equal(result.failureKind, "learner");
    assert.equal(result.failureCode, "invalid_model");
    assert.match(result.message, /model is empty/);
  });

  it("reports a TypeScript syntax error with its line number", async () => {
    const code =
      "export async function train(args: { tf: unknown }) {\n" +
      "  const x: number = 1\n  let y: = 2;\n  return x + y;\n}\n";
    const result = await gradeSubmission({ spec, code, language: "typescript", seed: 1 });
    assert.equal(result.failureCode, "syntax_error");
    assert.match(result.message, /line 3\b/);
  });
});

describe("repeatability", () => {
  it("gives the same score for the same code, data and seed, in every run (so a regrade reproduces them all)", async () => {
    const spec = loadAssignmentSpec(COURSE, "linear-regression");
    const code = fs.readFileSync(labFile("linear-regression", "reference.js"), "utf8");
    const [first, second] = await Promise.all([
      gradeSubmission({ spec, code, seed: 7, runs: 3 }),
      gradeSubmission({ spec, code, seed: 7, runs: 3 }),
    ]);
    assert.equal(first.status, "passed", first.message);
    assert.deepEqual(first.metrics, second.metrics);
    const runsOf = (result: typeof first) =>
      result.receipt?.certification.runs.map(({ run, seed, score, metrics }) => ({ run, seed, score, metrics }));
    assert.deepEqual(runsOf(first), runsOf(second));
    assert.equal(runsOf(first)?.[0]?.seed, 7);
    assert.deepEqual(
      first.curves.map((point) => [point.run, point.loss]),
      second.curves.map((point) => [point.run, point.loss]),
    );
  });
});

describe("npm run grade", () => {
  it("says how to call it when an argument is missing", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/grade.ts", "--assignment", "linear-regression"],
      { cwd: ROOT, encoding: "utf8", env: GRADE_ENVIRONMENT },
    );
    assert.equal(run.status, 2);
    assert.match(run.stderr, /usage: npm run grade -- --assignment/);
  });
});
