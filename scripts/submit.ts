// `npm run submit -- --assignment <lab> --file <path> [--course <course>] [--check]`: submits a module
// through the HTTP API with a personal access token and follows its grading live in the terminal.
// With --check it runs a practice check instead (never graded, never an attempt) and prints its result.
// Exit code: 0 passed (or, with --check, ran to the end), 1 failed (the code or its score), 2 anything
// else (usage, network, platform).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CreatedPracticeRunSchema, PracticeRunStatusSchema } from "../lib/api/practice-schemas";
import {
  AssignmentListSchema,
  CreatedSubmissionSchema,
  ErrorResponseSchema,
  SubmissionStatusSchema,
} from "../lib/api/schemas";
import { parseCommandLine } from "../lib/command-line";
import { readSubmitClientEnv } from "../lib/env";
import { readUploadedModule } from "../lib/submissions/submission-input";
import { errorMessage } from "../lib/errors";

const EXIT = { passed: 0, failed: 1, error: 2 } as const;
const POLL_MS = 1000;
/** Give up following after this long; the grading itself goes on and stays visible on the site. */
const FOLLOW_LIMIT_MS = 30 * 60 * 1000;
const BAR_WIDTH = 28;

class CliError extends Error {}

type Assignment = z.infer<typeof AssignmentListSchema>["assignments"][number];
type Status = z.infer<typeof SubmissionStatusSchema>;
type PracticeStatus = z.infer<typeof PracticeRunStatusSchema>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const USAGE =
  "Usage: npm run submit -- --assignment <lab-slug> --file <model.js|model.ts> [--course <course-slug>] [--check]";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const ArgsSchema = z.object({
  assignment: z
    .string({ error: "--assignment is missing" })
    .regex(SLUG, "--assignment must be a lab's slug, like linear-regression"),
  file: z.string({ error: "--file is missing" }).min(1),
  course: z.string().regex(SLUG, "--course must be a course's slug").optional(),
  /** A practice check instead of a graded submission. */
  check: z.boolean().default(false),
});

function readClientEnv() {
  let settings;
  try {
    settings = readSubmitClientEnv();
  } catch (error) {
    throw new CliError(errorMessage(error));
  }
  return { token: settings.GRADIENT_TOKEN, baseUrl: settings.GRADIENT_URL.replace(/\/+$/, "") };
}

function createClient(baseUrl: string, token: string) {
  return async function call<T extends z.ZodType>(
    schema: T,
    pathname: string,
    init: RequestInit = {},
  ): Promise<z.infer<T>> {
    for (;;) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${pathname}`, {
          ...init,
          headers: { ...init.headers, authorization: `Bearer ${token}`, accept: "application/json" },
        });
      } catch (error) {
        throw new CliError(`Could not reach ${baseUrl}: ${errorMessage(error)}`);
      }
      const text = await response.text();
      if (response.status === 429 && init.method !== "POST") {
        // Polling too fast is the client's own doing: wait as told and carry on.
        await sleep(Math.max(1, Number(response.headers.get("retry-after")) || 1) * 1000);
        continue;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new CliError(
          `${baseUrl}${pathname} answered HTTP ${response.status} ` +
            `with something other than JSON; is GRADIENT_URL right?`,
        );
      }
      if (!response.ok) {
        const error = ErrorResponseSchema.safeParse(body);
        if (!error.success) throw new CliError(`HTTP ${response.status} from ${pathname}.`);
        const fields = Object.entries(error.data.error.fieldErrors ?? {}).map(
          ([field, messages]) => `\n  ${field}: ${messages.join(" ")}`,
        );
        throw new CliError(`${error.data.error.message}${fields.join("")}`);
      }
      return schema.parse(body);
    }
  };
}

function pickAssignment(assignments: Assignment[], slug: string, course: string | undefined): Assignment {
  const matches = assignments.filter(
    (candidate) => candidate.slug === slug && (!course || candidate.course.slug === course),
  );
  const [only] = matches;
  if (only && matches.length === 1) return only;
  if (matches.length > 1) {
    throw new CliError(
      `Several of your courses have a lab "${slug}"; ` +
        `choose one with --course: ${matches.map((match) => match.course.slug).join(", ")}.`,
    );
  }
  const yours =
    assignments.map((candidate) => `${candidate.course.slug}/${candidate.slug}`).join(", ") ||
    "none: enrol in a course first";
  throw new CliError(
    `No lab "${slug}"${course ? ` in course "${course}"` : ""} among your courses. Your labs: ${yours}.`,
  );
}

function readModule(file: string) {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${errorMessage(error)}`);
  }
  const upload = readUploadedModule(path.basename(file), bytes);
  if ("error" in upload) throw new CliError(upload.error);
  return upload;
}

function describeProgress(status: Status, assignment: Assignment): { fraction: number; line: string } {
  const epochs = status.curves.length;
  const lastLoss = status.curves.at(-1)?.loss;
  const loss = typeof lastLoss === "number" ? `  loss ${lastLoss.toPrecision(4)}` : "";
  const max = assignment.budget.maxEpochs;
  switch (status.status) {
    case "QUEUED":
      return { fraction: 0, line: "queued, waiting for a grader" };
    case "RUNNING":
      if (epochs === 0) return { fraction: 0.02, line: "starting the sandbox" };
      if (epochs < max) return { fraction: (0.9 * epochs) / max, line: `training  epoch ${epochs}/${max}${loss}` };
      return { fraction: 0.95, line: `scoring on the held-out split  (trained ${epochs} epochs${loss})` };
    default:
      return { fraction: 1, line: status.status.toLowerCase() };
  }
}

function createRenderer() {
  const isTty = Boolean(process.stdout.isTTY);
  let previous = "";
  return {
    draw(fraction: number, line: string) {
      const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
      const text =
        `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ` +
        `${String(Math.round(fraction * 100)).padStart(3)}%  ${line}`;
      if (text === previous) return;
      previous = text;
      // A terminal gets one line redrawn in place; a log file gets one line per change.
      if (isTty) process.stdout.write(`\r\x1b[2K${text}`);
      else console.log(text);
    },
    finish() {
      if (isTty && previous) process.stdout.write("\n");
    },
  };
}

function printResult(status: Status, assignment: Assignment, pageUrl: string): number {
  const { metric } = assignment;
  const score = status.score === null ? "no score" : `${metric.name} ${status.score.toPrecision(4)}`;
  const target = `${metric.direction === "higher" ? "≥" : "≤"} ${metric.threshold}`;
  if (status.status === "PASSED") {
    console.log(`✔ Passed: ${score} (needed ${target}).`);
  } else {
    console.log(
      `${status.status === "FAILED" ? "✖ Failed" : "⚠ Not graded"}: ${status.message ?? score}` +
        `${status.failureCode ? ` [${status.failureCode}]` : ""}`,
    );
    if (status.score !== null) console.log(`  ${score}; needed ${target}.`);
    if (status.failureKind === "PLATFORM")
      console.log("  This was the platform's fault; it does not cost you an attempt.");
    const tail = status.logs.trimEnd().split("\n").slice(-20).join("\n");
    if (tail) console.log(`\nLast lines of the log:\n${tail}`);
  }
  console.log(`\nDetails: ${pageUrl}`);
  return status.status === "PASSED" ? EXIT.passed : status.status === "FAILED" ? EXIT.failed : EXIT.error;
}

function describePracticeProgress(status: PracticeStatus): { fraction: number; line: string } {
  const epochs = status.curves.length;
  const lastLoss = status.curves.at(-1)?.loss;
  const loss = typeof lastLoss === "number" ? `  loss ${lastLoss.toPrecision(4)}` : "";
  switch (status.status) {
    case "QUEUED":
      return { fraction: 0, line: "queued behind graded work" };
    case "RUNNING":
      return epochs === 0
        ? { fraction: 0.05, line: status.message ?? "starting" }
        : { fraction: 0.5, line: `practice training  epoch ${epochs}${loss}` };
    default:
      return { fraction: 1, line: status.status.toLowerCase() };
  }
}

function printPracticeResult(status: PracticeStatus): number {
  console.log("Practice check: not graded, not counted as an attempt.");
  if (status.status === "COMPLETED") {
    console.log(
      `✔ It runs: ${status.metricName} ${status.metricValue?.toPrecision(4) ?? "?"} on ${status.validationRows} validation examples.`,
    );
    console.log(`  Output shape ${status.outputShape ?? "?"}, ${status.parameters ?? "?"} parameters.`);
  } else {
    const where = status.errorLine === null ? "" : ` (line ${status.errorLine}, column ${status.errorColumn ?? 1})`;
    console.log(
      `${status.status === "FAILED" ? "✖ Your code did not run to the end" : "⚠ The check could not run"}${where}: ` +
        `${status.message ?? ""}${status.failureCode ? ` [${status.failureCode}]` : ""}`,
    );
  }
  const losses = status.curves.map((point) => (point.loss === null ? "?" : point.loss.toPrecision(3)));
  if (losses.length > 0) console.log(`  Loss per epoch (${losses.length}): ${losses.slice(-12).join(" → ")}`);
  const tail = status.logs.trimEnd().split("\n").slice(-20).join("\n");
  if (tail && status.status !== "COMPLETED") console.log(`\nLast lines of the log:\n${tail}`);
  return status.status === "COMPLETED" ? EXIT.passed : status.status === "FAILED" ? EXIT.failed : EXIT.error;
}

async function check(call: ReturnType<typeof createClient>, body: string, label: string): Promise<number> {
  const created = await call(CreatedPracticeRunSchema, "/api/v1/practice-runs", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  console.log(
    `Checking ${label}: ${created.trainingSeconds} s of training on ${created.practiceRows} public practice examples, ` +
      `scored on ${created.validationRows} public validation examples.`,
  );
  const renderer = createRenderer();
  const deadline = Date.now() + FOLLOW_LIMIT_MS;
  for (;;) {
    const status = await call(PracticeRunStatusSchema, created.statusUrl);
    const { fraction, line } = describePracticeProgress(status);
    renderer.draw(fraction, line);
    if (status.status === "COMPLETED" || status.status === "FAILED" || status.status === "ERROR") {
      renderer.finish();
      return printPracticeResult(status);
    }
    if (Date.now() > deadline) {
      renderer.finish();
      throw new CliError(
        `Still ${status.status.toLowerCase()} after ${FOLLOW_LIMIT_MS / 60_000} minutes; stopped following.`,
      );
    }
    await sleep(POLL_MS);
  }
}

async function main(): Promise<number> {
  const args = parseCommandLine({
    usage: USAGE,
    options: {
      assignment: { type: "string" },
      file: { type: "string" },
      course: { type: "string" },
      check: { type: "boolean" },
    },
    schema: ArgsSchema,
  });
  const { token, baseUrl } = readClientEnv();
  const call = createClient(baseUrl, token);
  const upload = readModule(args.file);

  const { assignments } = await call(AssignmentListSchema, "/api/v1/assignments");
  const assignment = pickAssignment(assignments, args.assignment, args.course);
  const body = JSON.stringify({
    course: assignment.course.slug,
    assignment: assignment.slug,
    code: upload.code,
    language: upload.language,
  });
  if (args.check) return check(call, body, `${args.file} against ${assignment.course.slug}/${assignment.slug}`);
  const created = await call(CreatedSubmissionSchema, "/api/v1/submissions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const pageUrl = `${baseUrl}/submissions/${created.id}`;
  console.log(
    `Submitted ${args.file} to ${assignment.course.slug}/${assignment.slug} (attempt ${created.attemptNumber}` +
      `${assignment.attemptsLeft === null ? "" : ` of ${assignment.maxAttempts}`}).`,
  );

  const renderer = createRenderer();
  const deadline = Date.now() + FOLLOW_LIMIT_MS;
  for (;;) {
    const status = await call(SubmissionStatusSchema, created.statusUrl);
    const { fraction, line } = describeProgress(status, assignment);
    renderer.draw(fraction, line);
    if (status.status === "PASSED" || status.status === "FAILED" || status.status === "ERROR") {
      renderer.finish();
      return printResult(status, assignment, pageUrl);
    }
    if (Date.now() > deadline) {
      renderer.finish();
      throw new CliError(
        `Still ${status.status.toLowerCase()} after ${FOLLOW_LIMIT_MS / 60_000} minutes; stopped following. ` +
          `Grading goes on: ${pageUrl}`,
      );
    }
    await sleep(POLL_MS);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof CliError ? error.message : error);
    process.exit(EXIT.error);
  },
);
