// `npm test`: every test, against real services started for this run alone: a fresh database,
// a fresh Redis key prefix, a production build of the web app and Debian's Chromium.
import { spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensureSigningKeyFile } from "./lib/signing-key";
import { childEnvironment, env } from "../lib/env";
import { ensureDebianPackages } from "../lib/system/debian-packages";
import { createDatabase, createStateDir, dropDatabase, findFreePort } from "./lib/services";
import { buildWebApp, migrate, ROOT, seed, startServices, startWebApp, startWorker, stopProcess, waitForHttp } from "./lib/stack";

const log = (line: string) => console.log(`[test] ${line}`);

// `npm test` runs every phase; while working, `npm test -- unit grader/sandbox` narrows it down
// (phase names: typecheck, unit, e2e; any other word filters the test files by path, and
// `npm test -- e2e e2e/lab.spec.ts` runs one end-to-end file).
const PHASES = ["typecheck", "unit", "e2e"];
const args = process.argv.slice(2);
const phases = new Set(args.some((arg) => PHASES.includes(arg)) ? args.filter((arg) => PHASES.includes(arg)) : PHASES);
const fileFilters = args.filter((arg) => !PHASES.includes(arg));
const SKIPPED_DIRS = new Set(["node_modules", ".next", ".data", ".git", "e2e", "test-results", "playwright-report"]);

function findTestFiles(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTestFiles(full, found);
    else if (entry.name.endsWith(".test.ts")) found.push(path.relative(ROOT, full));
  }
  return found.sort();
}

interface Counts {
  passed: number;
  failed: number;
}

function runNodeTests(files: string[], processEnv: NodeJS.ProcessEnv, tapFile: string): Counts {
  log(`Unit and integration tests: ${files.length} files`);
  spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--test",
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=tap",
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    { cwd: ROOT, env: processEnv, stdio: "inherit" },
  );
  const tap = fs.existsSync(tapFile) ? fs.readFileSync(tapFile, "utf8") : "";
  const count = (label: string) => Number(tap.match(new RegExp(`^# ${label} (\\d+)$`, "m"))?.[1] ?? NaN);
  const passed = count("pass");
  const failed = count("fail") + count("cancelled");
  // No summary, or nothing run, means the runner itself broke: a failure, never a pass.
  if (Number.isNaN(passed) || Number.isNaN(failed) || passed + failed === 0) return { passed: 0, failed: 1 };
  return { passed, failed };
}

function runTypecheck(): Counts {
  log("Type-checking the whole project (tsc)");
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", ROOT], { cwd: ROOT, stdio: "inherit" });
  return result.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

async function runEndToEnd(processEnv: NodeJS.ProcessEnv, reportFile: string, specFilters: string[]): Promise<Counts> {
  ensureDebianPackages(["chromium"], "the end-to-end tests");
  seed(processEnv);
  buildWebApp(processEnv, log);
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const webEnv = { ...processEnv, PORT: String(port), PUBLIC_URL: baseUrl, NEXTAUTH_URL: baseUrl };
  const children: ChildProcess[] = [startWebApp(webEnv, port), startWorker(webEnv)];
  try {
    await waitForHttp(`${baseUrl}/api/health`, 60_000, children[0]);
    log(`End-to-end tests against ${baseUrl}`);
    spawnSync(path.join(ROOT, "node_modules", ".bin", "playwright"), ["test", ...specFilters], {
      cwd: ROOT,
      env: { ...webEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile },
      stdio: "inherit",
    });
  } finally {
    await Promise.all(children.map((child) => stopProcess(child)));
  }
  if (!fs.existsSync(reportFile)) return { passed: 0, failed: 1 };
  const stats = (JSON.parse(fs.readFileSync(reportFile, "utf8")) as { stats?: { expected?: number; unexpected?: number; flaky?: number } }).stats;
  const passed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  const failed = stats?.unexpected ?? 0;
  // A run that executed nothing (a config or set-up error) is a failure, never a pass.
  return passed + failed === 0 ? { passed: 0, failed: 1 } : { passed, failed };
}

async function main(): Promise<number> {
  const runId = crypto.randomBytes(4).toString("hex");
  const stateDir = createStateDir("gradient-test-");
  const services = await startServices(stateDir, log);
  // A server we were given gets a database of its own for this run; an embedded one is new anyway.
  const testDatabase = `gradient_test_${runId}`;
  const databaseUrl = env.DATABASE_URL ? await createDatabase(env.DATABASE_URL, testDatabase) : services.postgres.url;
  // The end-to-end phase gets a database and queue of its own: submissions the integration tests
  // leave queued would otherwise keep the e2e phase's grader busy with work no test waits for.
  const endToEndDatabase = `gradient_e2e_${runId}`;
  const serverUrl = env.DATABASE_URL ?? services.postgres.url;
  try {
    migrate(databaseUrl);
    const sharedEnv = {
      REDIS_URL: services.redis.url,
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      SIGNING_KEY_FILE: ensureSigningKeyFile(stateDir),
    };
    const processEnv = childEnvironment({ ...sharedEnv, DATABASE_URL: databaseUrl, QUEUE_PREFIX: `gradient-test-${runId}` });
    const none: Counts = { passed: 0, failed: 0 };
    const typecheck = phases.has("typecheck") ? runTypecheck() : none;
    const files = findTestFiles(ROOT).filter((file) => fileFilters.length === 0 || fileFilters.some((filter) => file.includes(filter)));
    const unit = phases.has("unit") ? runNodeTests(files, processEnv, path.join(stateDir, "node-tests.tap")) : none;
    let e2e = none;
    if (phases.has("e2e")) {
      const endToEndUrl = await createDatabase(serverUrl, endToEndDatabase);
      migrate(endToEndUrl);
      const endToEndEnv = childEnvironment({ ...sharedEnv, DATABASE_URL: endToEndUrl, QUEUE_PREFIX: `gradient-e2e-${runId}` });
      e2e = await runEndToEnd(endToEndEnv, path.join(stateDir, "playwright.json"), fileFilters.filter((filter) => filter.startsWith("e2e/")));
    }
    const passed = typecheck.passed + unit.passed + e2e.passed;
    const failed = typecheck.failed + unit.failed + e2e.failed;
    console.log(`\ntype check: ${typecheck.failed === 0 ? "clean" : "errors"}`);
    console.log(`unit and integration: ${unit.passed} passed, ${unit.failed} failed`);
    console.log(`end-to-end: ${e2e.passed} passed, ${e2e.failed} failed`);
    console.log(`${passed} passed, ${failed} failed`);
    return failed === 0 && passed > 0 ? 0 : 1;
  } finally {
    if (env.DATABASE_URL) await dropDatabase(env.DATABASE_URL, testDatabase).catch(() => undefined);
    await dropDatabase(serverUrl, endToEndDatabase).catch(() => undefined);
    await services.redis.stop();
    await services.postgres.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[test] The test run could not complete:", error);
    process.exit(1);
  },
);
