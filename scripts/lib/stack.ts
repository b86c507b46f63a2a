// The pieces `npm start` and `npm test` both assemble: services, migrations, seed, build, and the
// web, grading worker and certificate issuer processes, and the demo learner's work. Each process
// gets its configuration through its environment; only the certificate issuer's holds the signing key.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { env, withoutSigningKey } from "../../lib/env";
import type { Logger } from "../../lib/log";
import { runPrisma } from "../prisma";
import { externalService, startEmbeddedPostgres, startLocalRedis, type RunningService } from "./services";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

/**
 * Node with tsx's loader running `file`, as one process. The tsx command would run it in a child of
 * its own, and stopping the platform would then wait for tsx, not for the program: a worker still
 * draining its job would outlive the Redis it reports to.
 */
function spawnTypeScript(file: string, options: SpawnOptions): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", file], options);
}
const NEXT = path.join(ROOT, "node_modules", ".bin", "next");

export interface Services {
  postgres: RunningService;
  redis: RunningService;
}

/** Postgres and Redis: the ones named by DATABASE_URL / REDIS_URL, or local ones under `stateDir`. */
export async function startServices(stateDir: string, log: Logger): Promise<Services> {
  const postgres = env.DATABASE_URL ? externalService(env.DATABASE_URL) : await startEmbeddedPostgres(stateDir, log);
  try {
    const redis = env.REDIS_URL
      ? externalService(env.REDIS_URL)
      : await startLocalRedis(path.join(stateDir, "redis"), log);
    return { postgres, redis };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

export function migrate(databaseUrl: string): void {
  const status = runPrisma(["migrate", "deploy"], { DATABASE_URL: databaseUrl }, true);
  if (status !== 0) throw new Error(`prisma migrate deploy failed (exit ${status})`);
}

/** What prisma/seed.ts prints on stdout, as its last line (its logs go to stderr). */
const SeedOutputSchema = z.object({
  /** The demo learner's certificate's verify page; null when the demo learner has none. */
  demoCertificateUrl: z.url().nullable(),
});

/** Runs the seed, its logs passed through, and returns the demo certificate's verify URL. */
export function seed(processEnv: NodeJS.ProcessEnv): string | null {
  const result = spawnSync(TSX, [path.join(ROOT, "prisma", "seed.ts")], {
    cwd: ROOT,
    env: processEnv,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`seeding failed (exit ${result.status})`);
  const last = (result.stdout ?? "").trim().split("\n").at(-1) ?? "";
  return SeedOutputSchema.parse(JSON.parse(last)).demoCertificateUrl;
}

// Everything a production build depends on; a build stamped with the same hash is reused.
const BUILD_INPUTS = ["app", "lib", "proxy.ts", "next.config.js", "package-lock.json", "tsconfig.json", "content"];

function hashTree(target: string, hash: crypto.Hash): void {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(target).sort()) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      hashTree(path.join(target, entry), hash);
    }
    return;
  }
  hash.update(path.relative(ROOT, target));
  hash.update(fs.readFileSync(target));
}

export function buildInputsHash(): string {
  const hash = crypto.createHash("sha256");
  for (const input of BUILD_INPUTS) hashTree(path.join(ROOT, input), hash);
  return hash.digest("hex");
}

/** `next build`, skipped when the last build was made from the same sources. */
export function buildWebApp(processEnv: NodeJS.ProcessEnv, log: Logger): void {
  const stampFile = path.join(ROOT, ".next", "gradient-build-stamp");
  const inputs = buildInputsHash();
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === inputs) {
    log.info("the existing production build of the web app is up to date");
    return;
  }
  log.info("building the web app for production (about a minute)");
  const result = spawnSync(NEXT, ["build"], {
    cwd: ROOT,
    env: { ...processEnv, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  fs.writeFileSync(stampFile, inputs);
}

/** The production web server (web-server/index.ts): one Next process per core on `port`. */
export function startWebApp(processEnv: NodeJS.ProcessEnv, port: number): ChildProcess {
  return spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "web-server", "index.ts"), "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: ROOT,
      env: { ...processEnv, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
}

/** A grading worker, without the signing key: it handles learner artefacts, and refuses to start with the key. */
export function startWorker(processEnv: NodeJS.ProcessEnv): ChildProcess {
  return spawnTypeScript(path.join(ROOT, "grader", "index.ts"), {
    cwd: ROOT,
    env: withoutSigningKey(processEnv),
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** The certificate issuer (issuer/index.ts), which signs the certificates graded labs earn: it gets the key. */
export function startCertificateIssuer(processEnv: NodeJS.ProcessEnv): ChildProcess {
  return spawnTypeScript(path.join(ROOT, "issuer", "index.ts"), {
    cwd: ROOT,
    env: processEnv,
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/**
 * The demo learner's quizzes, exam and labs (scripts/demo-work.ts), graded by the running worker and
 * certified by the running issuer. It signs nothing itself, so it gets no key. Its progress lines go
 * to `stdout`: the terminal under `npm start`, a pipe for a test that reads them.
 */
export function startDemoWork(processEnv: NodeJS.ProcessEnv, stdout: "inherit" | "pipe" = "inherit"): ChildProcess {
  return spawnTypeScript(path.join(ROOT, "scripts", "demo-work.ts"), {
    cwd: ROOT,
    env: withoutSigningKey(processEnv),
    stdio: ["ignore", stdout, "inherit"],
  });
}

/** Waits until GET `url` answers 200, or throws. */
/**
 * How long the web app may take to answer its health check after it was started. Each web process
 * loads Next's server bundles before it listens; on a shared 2-core machine under load that has
 * taken close to a minute.
 */
export const WEB_START_TIMEOUT_MS = 180_000;

export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`the process serving ${url} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
