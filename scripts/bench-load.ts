// npm run bench:load -- [--learners 1000] [--clients 100] [--rush-seconds 60] [--think-ms 1000]
//                       [--rush-only] [--json]
//
// A deadline rush against the production build, on services of its own: `--learners` learners
// (each with a personal API token, made directly in the database) submit through the HTTP API
// within `--rush-seconds`, while the same `--clients` concurrent clients also open lesson pages
// (signed in; each lesson is its page, then the reader's own part of it, as a browser loads it)
// and a certificate's verify page (as a stranger). Each client starts somewhere in the first think
// time and waits a random 0.5-1.5 × think-ms between its requests, as a person does. No grader
// runs during the rush, so the latencies are the web app's. Then one worker drains the rush's
// queue; every learner submits once more (a second wave, no think time) and two workers drain
// that; --rush-only stops after the rush. Progress goes to stderr; the summary to stdout (to
// stderr with --json); the last stdout line is always one JSON object.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { z } from "zod";
import { generateTokenSecret } from "../lib/api-tokens/token-secret";
import { parseCommandLine } from "../lib/command-line";
import { childEnvironment, env, webProcessCount, withoutSigningKey } from "../lib/env";
import { PrismaClient } from "../lib/generated/prisma/client";
import { logger } from "../lib/log";
import { benchRequest, type BenchResponse } from "./bench-load/http-client";
import { RequestLog, summarise } from "./bench-load/stats";
import { signIn } from "./bench-load/sign-in";
import { ensureSigningKeyFile } from "./lib/signing-key";
import { createDatabase, createStateDir, removeStateDir, dropDatabase, findFreePort } from "./lib/services";
import {
  buildWebApp,
  migrate,
  ROOT,
  seed,
  startServices,
  startWebApp,
  stopProcess,
  waitForHttp,
  WEB_START_TIMEOUT_MS,
} from "./lib/stack";
import { errorMessage } from "../lib/errors";

const COURSE = "ml-foundations";
const LAB = "linear-regression";
/**
 * What every learner submits: one dense unit trained for ONE epoch, so grading is as cheap as a real
 * grading gets (sandbox start-up, tfjs, 2,000 training rows, scoring on 1,000 held-out rows). It
 * does not reach the lab's threshold, so each ends FAILED (below_threshold): graded, not passed.
 */
const BENCH_SUBMISSION = `export async function train({ tf, data }) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: data.inputShape })] });
  model.compile({ optimizer: tf.train.adam(0.1), loss: "meanSquaredError" });
  await model.fit(data.xs, data.ys, { epochs: 1, batchSize: 256, verbose: 0 });
  return model;
}
`;
const TERMINAL = ["PASSED", "FAILED", "ERROR"] as const;

const USAGE =
  "usage: npm run bench:load -- [--learners 1000] [--clients 100] [--rush-seconds 60] [--think-ms 1000] [--drain-timeout-minutes 90] [--rush-only] [--json]";

const count = (name: string, min: number) =>
  z.coerce
    .number({ error: `--${name} must be a whole number` })
    .int(`--${name} must be a whole number`)
    .min(min, `--${name} must be at least ${min}`);

const ArgsSchema = z.object({
  learners: count("learners", 1),
  clients: count("clients", 1),
  "rush-seconds": count("rush-seconds", 1),
  "think-ms": count("think-ms", 0),
  "drain-timeout-minutes": count("drain-timeout-minutes", 1),
  "rush-only": z.boolean(),
  json: z.boolean(),
});

const options = parseCommandLine({
  usage: USAGE,
  options: {
    learners: { type: "string", default: "1000" },
    clients: { type: "string", default: "100" },
    "rush-seconds": { type: "string", default: "60" },
    "think-ms": { type: "string", default: "1000" },
    "drain-timeout-minutes": { type: "string", default: "90" },
    "rush-only": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
  schema: ArgsSchema,
});
const LEARNERS = options.learners;
const CLIENTS = options.clients;
const RUSH_MS = options["rush-seconds"] * 1000;
const THINK_MS = options["think-ms"];
const DRAIN_TIMEOUT_MS = options["drain-timeout-minutes"] * 60_000;

const log = logger.child({ component: "bench" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

interface Learner {
  id: string;
  token: string;
  /** A made-up client address: a learner is one machine behind the platform's proxy, not 1,000 accounts on one. */
  address: string;
}

async function createLearners(db: PrismaClient, runId: string, count: number): Promise<Learner[]> {
  const course = await db.course.findUniqueOrThrow({ where: { slug: COURSE }, select: { id: true } });
  const users = await db.user.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      email: `bench-${runId}-${i}@example.com`,
      name: `Bench learner ${i}`,
      passwordHash: "unused",
    })),
    select: { id: true },
  });
  await db.enrolment.createMany({ data: users.map((user) => ({ userId: user.id, courseId: course.id })) });
  const secrets = users.map(() => generateTokenSecret());
  await db.apiToken.createMany({
    data: users.map((user, i) => ({
      userId: user.id,
      name: "bench",
      tokenHash: secrets[i]!.tokenHash,
      prefix: secrets[i]!.prefix,
    })),
  });
  return users.map((user, i) => ({
    id: user.id,
    token: secrets[i]!.token,
    address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  }));
}

/** CPU time (ms) a process and all its descendants have used so far, read from /proc (Linux). */
function processTreeCpuMs(pid: number): number {
  const ticksToMs = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  const visit = (id: number) => {
    const stat = fs.readFileSync(`/proc/${id}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    total += (Number(fields[11]) + Number(fields[12])) * ticksToMs;
    const children = fs.readFileSync(`/proc/${id}/task/${id}/children`, "utf8").trim();
    for (const child of children ? children.split(" ") : []) visit(Number(child));
  };
  visit(pid);
  return total;
}

/** Busy and total CPU time of the whole machine so far, summed over its cores. */
function machineCpuMs(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const { user, nice, sys, irq, idle } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busy, total };
}

async function timed(logTo: RequestLog, request: () => Promise<BenchResponse>): Promise<BenchResponse | null> {
  const started = performance.now();
  try {
    const response = await request();
    // "200 hit": answered from the web server's shared page cache; "200 miss": rendered, then kept.
    const sharedCopy = response.headers["x-gradient-cache"];
    logTo.record(
      performance.now() - started,
      sharedCopy ? `${response.status} ${String(sharedCopy)}` : String(response.status),
    );
    return response;
  } catch (error) {
    logTo.record(performance.now() - started, `network error: ${errorMessage(error)}`);
    return null;
  }
}

/** Where a lesson page's script asks for the reader's own part of it. */
function readerStatePath(lessonPath: string): string {
  return `${lessonPath.replace(/^\/courses\/([^/]+)\/lessons\//, "/api/reader/lessons/$1/")}?locale=en`;
}

/**
 * One learner's submission through the HTTP API, as `npm run submit` sends it (its answer uncompressed, to read the
 * id).
 */
function submitOnce(baseUrl: string, learner: Learner): Promise<BenchResponse> {
  return benchRequest(`${baseUrl}/api/v1/submissions`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${learner.token}`,
      "content-type": "application/json",
      "x-forwarded-for": learner.address,
    },
    body: JSON.stringify({ course: COURSE, assignment: LAB, code: BENCH_SUBMISSION, language: "javascript" }),
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return null;
  }
}

interface RushResult {
  submit: RequestLog;
  /** A lesson as a reader waits for it: the page, then their own part of it (progress, quiz attempts). */
  lesson: RequestLog;
  lessonPage: RequestLog;
  lessonReaderState: RequestLog;
  verify: RequestLog;
  acceptedIds: string[];
  refusals: Record<string, number>;
  durationMs: number;
}

async function rush(
  baseUrl: string,
  learners: Learner[],
  cookie: string,
  lessonPaths: string[],
  verifyPath: string,
): Promise<RushResult> {
  const result: RushResult = {
    submit: new RequestLog(),
    lesson: new RequestLog(),
    lessonPage: new RequestLog(),
    lessonReaderState: new RequestLog(),
    verify: new RequestLog(),
    acceptedIds: [],
    refusals: {},
    durationMs: 0,
  };
  const started = Date.now();
  const dueAt = (index: number) => started + (index * RUSH_MS) / learners.length;
  let next = 0;
  let browsed = 0;

  const submit = async (learner: Learner) => {
    const response = await timed(result.submit, () =>
      submitOnce(baseUrl, learner).then((response) => {
        const body = parseJson(response.body) as { id?: string; error?: { code?: string } } | null;
        if (response.status === 201 && body?.id) result.acceptedIds.push(body.id);
        else {
          const reason = `${response.status} ${body?.error?.code ?? "no error code"}`;
          result.refusals[reason] = (result.refusals[reason] ?? 0) + 1;
        }
        return response;
      }),
    );
    if (!response) result.refusals["no answer"] = (result.refusals["no answer"] ?? 0) + 1;
  };
  const browse = async () => {
    browsed++;
    // Pages are asked for as a browser asks: compressed.
    if (browsed % 2 === 0)
      await timed(result.verify, () =>
        benchRequest(`${baseUrl}${verifyPath}`, { headers: { "accept-encoding": "gzip" } }),
      );
    else {
      // The page first, then (as its script does in a browser) the reader's own part of it.
      const lessonPath = lessonPaths[browsed % lessonPaths.length]!;
      const started = performance.now();
      const page = await timed(result.lessonPage, () =>
        benchRequest(`${baseUrl}${lessonPath}`, { headers: { cookie, "accept-encoding": "gzip" } }),
      );
      const state = page?.ok
        ? await timed(result.lessonReaderState, () =>
            benchRequest(`${baseUrl}${readerStatePath(lessonPath)}`, {
              headers: { cookie, "accept-encoding": "gzip" },
            }),
          )
        : null;
      result.lesson.record(
        performance.now() - started,
        state ? String(state.status) : `page ${page?.status ?? "network error"}`,
      );
    }
  };

  const client = async () => {
    // People do not all click in the same millisecond: each client starts somewhere in the first
    // think time, so the rush measures a crowd, not one synchronised burst.
    await sleep(THINK_MS * Math.random());
    for (;;) {
      if (next < learners.length && dueAt(next) <= Date.now()) await submit(learners[next++]!);
      else if (next >= learners.length) break;
      else await browse();
      await sleep(THINK_MS * (0.5 + Math.random()));
    }
  };
  const progress = setInterval(
    () => log.info({ submitted: next, learners: learners.length, pagesOpened: browsed }, "rush under way"),
    10_000,
  );
  await Promise.all(Array.from({ length: CLIENTS }, () => client()));
  clearInterval(progress);
  result.durationMs = Date.now() - started;
  return result;
}

function startBenchWorker(processEnv: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const out = fs.openSync(logFile, "a");
  return spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "grader", "index.ts")], {
    cwd: ROOT,
    env: withoutSigningKey(processEnv),
    stdio: ["ignore", out, out],
  });
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(500);
  }
}

interface Drain {
  workers: number;
  graded: number;
  seconds: number;
  perSecond: number;
}

/** Starts `count` workers on a queue that holds `ids` and times them from ready to the last grade. */
async function drain(
  db: PrismaClient,
  processEnv: NodeJS.ProcessEnv,
  stateDir: string,
  ids: string[],
  count: number,
): Promise<Drain> {
  const graded = () => db.submission.count({ where: { id: { in: ids }, status: { in: [...TERMINAL] } } });
  const ready = () =>
    db.workerHeartbeat.count({ where: { backend: "ready", lastSeenAt: { gt: new Date(Date.now() - 30_000) } } });
  const workers = Array.from({ length: count }, (_, i) =>
    startBenchWorker(processEnv, path.join(stateDir, `worker-${count}-${i + 1}.log`)),
  );
  try {
    await waitUntil(`${count} worker(s) to start`, async () => (await ready()) >= count, 120_000);
    const started = Date.now();
    const progress = setInterval(
      () =>
        void graded().then((done) => log.info({ workers: count, graded: done, submissions: ids.length }, "draining")),
      30_000,
    );
    try {
      await waitUntil("the queue to drain", async () => (await graded()) >= ids.length, DRAIN_TIMEOUT_MS);
    } finally {
      clearInterval(progress);
    }
    const seconds = (Date.now() - started) / 1000;
    return {
      workers: count,
      graded: ids.length,
      seconds: round(seconds, 1),
      perSecond: round(ids.length / seconds, 3),
    };
  } finally {
    await Promise.all(workers.map((worker) => stopProcess(worker, 60_000)));
  }
}

/** Every learner submits once more, as fast as the clients can: the second wave, for the two-worker drain. */
async function submitWave(baseUrl: string, learners: Learner[]): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const client = async () => {
    while (next < learners.length) {
      const response = await submitOnce(baseUrl, learners[next++]!);
      const body = parseJson(response.body) as { id?: string } | null;
      if (response.status === 201 && body?.id) ids.push(body.id);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, () => client()));
  return ids;
}

async function main(): Promise<void> {
  const runId = crypto.randomBytes(4).toString("hex");
  const stateDir = createStateDir("gradient-bench-load-");
  const services = await startServices(stateDir, log);
  const databaseName = `gradient_bench_${runId}`;
  const databaseUrl = env.DATABASE_URL ? await createDatabase(env.DATABASE_URL, databaseName) : services.postgres.url;
  const children: ChildProcess[] = [];
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    migrate(databaseUrl);
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const processEnv = childEnvironment({
      DATABASE_URL: databaseUrl,
      REDIS_URL: services.redis.url,
      QUEUE_PREFIX: `gradient-bench-${runId}`,
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      SIGNING_KEY_FILE: ensureSigningKeyFile(stateDir),
      GRADIENT_DATA_DIR: path.join(stateDir, "data"),
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
    });
    const verifyUrl = seed(processEnv);
    if (!verifyUrl) throw new Error("the seed printed no demo certificate to verify");
    const verifyPath = new URL(verifyUrl).pathname;
    const lessons = await db.lesson.findMany({
      where: { course: { slug: COURSE } },
      select: { slug: true },
      orderBy: { position: "asc" },
    });
    const lessonPaths = lessons.map((lesson) => `/courses/${COURSE}/lessons/${lesson.slug}`);
    log.info({ learners: LEARNERS }, "creating learners with API tokens");
    // A few more, whose submissions before the rush warm the submit path in every web process as
    // the page requests warm the pages.
    const warmUps = 2 * webProcessCount;
    const created = await createLearners(db, runId, LEARNERS + warmUps);
    const [warmUpLearners, learners] = [created.slice(0, warmUps), created.slice(warmUps)];

    buildWebApp(processEnv, log);
    children.push(startWebApp(processEnv, port));
    await waitForHttp(`${baseUrl}/api/health`, WEB_START_TIMEOUT_MS, children[0]);
    const cookie = await signIn(baseUrl, "learner@gradient.local", "learner-demo-pass");
    // Each page, the reader's part of each lesson and a submission first, so the rush does not time
    // first renders or the first use of each connection. Requests sent together travel on connections of their own, and
    // the web
    // server hands connections to its processes in turn, so every process gets a share.
    // Lessons are read signed in, the verify page by strangers, as in the rush.
    const warm = (page: string, headers: HeadersInit) =>
      Promise.all(
        Array.from({ length: 2 * webProcessCount }, () =>
          fetch(`${baseUrl}${page}`, { headers }).then((response) => response.arrayBuffer()),
        ),
      );
    for (const page of lessonPaths) {
      await warm(page, { cookie });
      await warm(readerStatePath(page), { cookie });
    }
    await warm(verifyPath, {});
    for (const warmUp of await Promise.all(warmUpLearners.map((learner) => submitOnce(baseUrl, learner)))) {
      if (warmUp.status !== 201)
        throw new Error(`a warm-up submission was refused: ${warmUp.status} ${warmUp.body.toString()}`);
    }

    log.info(
      { submissions: LEARNERS, rushMs: RUSH_MS, clients: CLIENTS },
      "rush: submissions from clients who browse between them",
    );
    const webCpuBefore = processTreeCpuMs(children[0]!.pid!);
    const clientCpuBefore = process.cpuUsage();
    const machineBefore = machineCpuMs();
    const rushed = await rush(baseUrl, learners, cookie, lessonPaths, verifyPath);
    const webCpuMs = processTreeCpuMs(children[0]!.pid!) - webCpuBefore;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const machineAfter = machineCpuMs();
    const requestsServed =
      rushed.submit.durationsMs.length +
      rushed.lessonPage.durationsMs.length +
      rushed.lessonReaderState.durationsMs.length +
      rushed.verify.durationsMs.length;
    const inDatabase = await db.submission.findMany({
      where: { userId: { in: learners.map((learner) => learner.id) } },
      select: { id: true },
    });
    const stored = new Set(inDatabase.map((row) => row.id));
    const lost = rushed.acceptedIds.filter((id) => !stored.has(id)).length;
    const unreported = inDatabase.length - rushed.acceptedIds.length;
    log.info({ durationMs: rushed.durationMs, accepted: rushed.acceptedIds.length, lost }, "rush done");
    for (const [label, requests] of Object.entries({
      submit: rushed.submit,
      lesson: rushed.lesson,
      lessonPage: rushed.lessonPage,
      lessonReaderState: rushed.lessonReaderState,
      verify: rushed.verify,
    }))
      log.info({ requests: label, ...requests.summary() }, "latency");

    if (rushed.acceptedIds.length === 0)
      throw new Error(`no submission was accepted (${JSON.stringify(rushed.refusals)}): nothing to drain`);
    let drains: { oneWorker: Drain; twoWorkers: Drain } | null = null;
    let gradedIds = rushed.acceptedIds;
    if (!options["rush-only"]) {
      log.info({ submissions: rushed.acceptedIds.length, workers: 1 }, "draining the rush");
      const oneWorker = await drain(db, processEnv, stateDir, rushed.acceptedIds, 1);
      log.info(
        { durationMs: Math.round(oneWorker.seconds * 1000), submissions: learners.length, workers: 2 },
        "drained; a second wave for two workers",
      );
      const wave = await submitWave(baseUrl, learners);
      const twoWorkers = await drain(db, processEnv, stateDir, wave, 2);
      drains = { oneWorker, twoWorkers };
      gradedIds = [...rushed.acceptedIds, ...wave];
    }
    const outcomes = await db.submission.groupBy({
      by: ["status", "failureCode"],
      where: { id: { in: gradedIds } },
      _count: true,
    });

    const report = {
      learners: LEARNERS,
      clients: CLIENTS,
      thinkMs: THINK_MS,
      rushSeconds: round(rushed.durationMs / 1000, 1),
      graded:
        `${LAB} with a 1-epoch single dense unit (${COURSE}); ` +
        `every grading is a full sandboxed run and held-out scoring` +
        ``,
      accepted: rushed.acceptedIds.length,
      refused: rushed.refusals,
      acceptedPerSecond: round(rushed.acceptedIds.length / (rushed.durationMs / 1000)),
      lost,
      submissionsWithoutAnAnswer: unreported,
      latency: {
        submit: rushed.submit.summary(),
        lesson: rushed.lesson.summary(),
        lessonPage: rushed.lessonPage.summary(),
        lessonReaderState: rushed.lessonReaderState.summary(),
        verify: rushed.verify.summary(),
      },
      pagesPerSecond: round(
        (rushed.lesson.durationsMs.length + rushed.verify.durationsMs.length) / (rushed.durationMs / 1000),
      ),
      // Where the machine's two cores went during the rush: the web server's share, per request.
      webServerCpu: { seconds: round(webCpuMs / 1000, 1), msPerRequest: round(webCpuMs / requestsServed, 1) },
      machineCpuBusyPercent: round(
        (100 * (machineAfter.busy - machineBefore.busy)) / (machineAfter.total - machineBefore.total),
        1,
      ),
      // The bench's own 100 clients share the machine: what they cost is not the platform's.
      benchClientCpuSeconds: round((clientCpu.user + clientCpu.system) / 1e6, 1),
      // Summed over the cores: the web server's, the clients', and the rest (Postgres, Redis, the kernel).
      machineCpuSeconds: round((machineAfter.busy - machineBefore.busy) / 1000, 1),
      webProcesses: webProcessCount,
      drain: drains,
      results: Object.fromEntries(
        outcomes.map((row) => [`${row.status}${row.failureCode ? ` ${row.failureCode}` : ""}`, row._count]),
      ),
      // The pages as a browser gets them (a lesson's page is readable when it arrives; the reader's own
      // part follows it, and latency.lesson times the two one after the other, which no target names).
      targets: {
        lessonPageP95Under100Ms: (rushed.lessonPage.summary().p95Ms ?? Infinity) < 100,
        verifyPageP95Under100Ms: (rushed.verify.summary().p95Ms ?? Infinity) < 100,
        submitP95Under200Ms: (summarise(rushed.submit.durationsMs).p95Ms ?? Infinity) < 200,
        noLostSubmissions: lost === 0 && unreported === 0,
      },
    };
    const print = options.json ? (text: string) => console.error(text) : (text: string) => console.log(text);
    const line = (label: string, summary: ReturnType<RequestLog["summary"]>) =>
      `  ${label.padEnd(7)} n=${summary.count}  p50 ${summary.p50Ms} ms  p95 ${summary.p95Ms} ms  ` +
      `p99 ${summary.p99Ms} ms  max ${summary.maxMs} ms  ${JSON.stringify(summary.outcomes)}`;
    print(
      `\nDeadline rush: ${LEARNERS} learners in ${report.rushSeconds} s, ${CLIENTS} clients ` +
        `(think time ~${THINK_MS} ms)`,
    );
    print(
      `  accepted ${report.accepted} (${report.acceptedPerSecond}/s), refused ${JSON.stringify(report.refused)}, ` +
        `lost ${lost}, stored without an answer ${unreported}`,
    );
    print(line("submit", report.latency.submit));
    print(line("lesson", report.latency.lesson));
    print(line("  page", report.latency.lessonPage));
    print(line("  state", report.latency.lessonReaderState));
    print(line("verify", report.latency.verify));
    print(
      `  web server CPU ${report.webServerCpu.seconds} s (${report.webServerCpu.msPerRequest} ms per request), ` +
        `bench clients ${report.benchClientCpuSeconds} s, machine ${report.machineCpuSeconds} s in all ` +
        `(${report.machineCpuBusyPercent}% busy)`,
    );
    print(`Drain (${report.graded}):`);
    if (!drains) print("  not run (--rush-only)");
    for (const drained of drains ? [drains.oneWorker, drains.twoWorkers] : [])
      print(
        `  ${drained.workers} worker(s): ${drained.graded} graded in ${drained.seconds} s (${drained.perSecond}/s)`,
      );
    print(`  results of both waves: ${JSON.stringify(report.results)}`);
    print(`Targets: ${JSON.stringify(report.targets)}`);
    console.log(JSON.stringify(report));
  } finally {
    await Promise.all(children.map((child) => stopProcess(child)));
    await db.$disconnect();
    if (env.DATABASE_URL) await dropDatabase(env.DATABASE_URL, databaseName).catch(() => undefined);
    await services.redis.stop();
    await services.postgres.stop();
    removeStateDir(stateDir);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log.fatal({ err: error }, "the load bench could not complete");
    process.exit(1);
  },
);
