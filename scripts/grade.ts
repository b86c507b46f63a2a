// npm run grade -- --assignment <slug or folder> --file <path> [--course <slug>] [--seed <n>] [--runs <n>] [--json]
// Grades one file locally through the real pipeline (sandbox, train split, trusted scorer), making
// as many training runs as the lab asks for (or --runs, to measure what more or fewer would cost).
// Progress goes to stderr; the last stdout line is always one JSON object. Exits 0 whenever the
// submission was graded, pass or fail, and 1 when the platform could not grade it.
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { MAX_CERTIFICATION_RUNS } from "@/lib/assignments/certification";
import { AssignmentSpecSchema, type AssignmentSpec } from "@/lib/assignments/spec-schema";
import { parseCommandLineOrThrow, USAGE_EXIT_CODE, UsageError } from "@/lib/command-line";
import { gradeSubmission, type GradeProgress, type GradeResult } from "@/grader/pipeline/grade-submission";
import { errorMessage } from "@/lib/errors";
import { refuseSigningKey } from "@/lib/certificates/refuse-signing-key";
import { forbidToolKey } from "@/lib/lti/tool-key";

const USAGE =
  "usage: npm run grade -- --assignment <slug or folder> --file <path> [--course <slug>] [--seed 1] [--runs <n>] [--json]";
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const ArgsSchema = z.object({
  assignment: z.string({ error: "--assignment is missing" }).min(1),
  file: z
    .string({ error: "--file is missing" })
    .refine((file) => fs.existsSync(file), { error: (issue) => `${String(issue.input)} does not exist` }),
  course: z.string().regex(SLUG, "--course must be a course's slug").optional(),
  seed: z.coerce
    .number({ error: "--seed must be a whole number" })
    .int("--seed must be a whole number")
    .min(0)
    .max(2 ** 31 - 1),
  runs: z.coerce
    .number({ error: "--runs must be a whole number" })
    .int("--runs must be a whole number")
    .min(1, "--runs must be at least 1")
    .max(MAX_CERTIFICATION_RUNS, `--runs must be at most ${MAX_CERTIFICATION_RUNS}`)
    .optional(),
  json: z.boolean(),
});

function summary(result: GradeResult): Record<string, unknown> {
  const certification = result.receipt?.certification;
  return {
    status: result.status,
    failureKind: result.failureKind ?? null,
    failureCode: result.failureCode ?? null,
    message: result.message,
    metrics: result.metrics,
    score: result.score,
    threshold: result.threshold,
    epochs: result.curves.length,
    // Every training run with its seed and metric, and their mean with its 95% interval (null for one run).
    rule: certification?.rule ?? null,
    runs: certification?.runs.map(({ run, seed, score, trainingMs }) => ({ run, seed, score, trainingMs })) ?? [],
    mean: certification?.statistics?.mean ?? null,
    standardDeviation: certification?.statistics?.standardDeviation ?? null,
    interval: certification?.statistics?.interval ?? null,
    receipt: result.receipt,
  };
}

/**
 * The lab's folder: a slug names a lab under content/courses (with --course when two courses
 * have one of that name); a path may be any folder with an assignment.yaml, so a lab can be tried
 * before it is part of a course.
 */
function findAssignmentFolder(assignment: string, course: string | undefined): string {
  if (!SLUG.test(assignment)) return assignment;
  const coursesDir = path.resolve("content", "courses");
  const courses = course ? [course] : fs.existsSync(coursesDir) ? fs.readdirSync(coursesDir) : [];
  const found = courses
    .map((name) => path.join(coursesDir, name, "assignments", assignment))
    .filter((folder) => fs.existsSync(path.join(folder, "assignment.yaml")));
  if (found.length === 0)
    throw new UsageError(
      `No lab ${assignment} under ${path.relative(process.cwd(), coursesDir)}${course ? `/${course}` : ""}`,
    );
  if (found.length > 1) throw new UsageError(`Several courses have a lab ${assignment}; say which with --course`);
  return found[0] as string;
}

function readSpec(folder: string): AssignmentSpec {
  const file = path.join(folder, "assignment.yaml");
  if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist`);
  const result = AssignmentSpecSchema.safeParse(parseYaml(fs.readFileSync(file, "utf8")));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new UsageError(`${file} is invalid:\n${problems.join("\n")}`);
  }
  return result.data;
}

function showProgress(event: GradeProgress): void {
  switch (event.type) {
    case "stage":
      console.error(
        event.run === undefined ? `[${event.stage}]` : `[${event.stage}, run ${event.run} of ${event.runs}]`,
      );
      return;
    case "epoch": {
      const metric = event.metric === undefined ? "" : `, metric ${event.metric.toFixed(4)}`;
      console.error(
        `  ${event.run === undefined ? "" : `run ${event.run} `}epoch ${event.epoch}: loss ${event.loss?.toFixed(4) ?? "NaN"}${metric} ` +
          `(${(event.elapsedMs / 1000).toFixed(1)} s)`,
      );
      return;
    }
    case "log":
      console.error(`  | ${event.text}`);
  }
}

async function main(): Promise<number> {
  refuseSigningKey("grade command", "run it without them; it never issues certificates.");
  forbidToolKey("grade command");
  // A usage problem is answered like any other: its JSON line on stdout too.
  const values = parseCommandLineOrThrow({
    usage: USAGE,
    options: {
      assignment: { type: "string" },
      file: { type: "string" },
      course: { type: "string" },
      seed: { type: "string", default: "1" },
      runs: { type: "string" },
      json: { type: "boolean", default: false },
    },
    schema: ArgsSchema,
  });
  const { assignment, file, seed } = values;
  const spec = readSpec(findAssignmentFolder(assignment, values.course));
  const code = fs.readFileSync(file, "utf8");
  const language = /\.(c|m)?ts$/.test(file) ? "typescript" : "javascript";
  const startedAt = performance.now();
  const result = await gradeSubmission({
    spec,
    code,
    language,
    seed,
    runs: values.runs,
    onProgress: values.json ? undefined : showProgress,
  });
  if (!values.json) {
    console.error(
      `\n${result.status.toUpperCase()} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s: ${result.message}`,
    );
  }
  console.log(JSON.stringify(summary(result)));
  return result.status === "error" ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = errorMessage(error);
    console.error(message);
    console.log(JSON.stringify({ status: "error", failureKind: "platform", message }));
    process.exit(error instanceof UsageError ? USAGE_EXIT_CODE : 1);
  },
);
