// Practice runs end to end on the real services: the HTTP API and `npm run submit -- --check`
// write them, a real worker runs them in the real sandbox on the public practice sample, and none
// of it is ever a submission or an attempt. Graded work is always taken from the queue first. A
// graded submission that fails before train() starts (found on the host) is not charged; one
// whose module throws as it loads is.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { Worker } from "bullmq";
import { GET as listAssignmentsRoute } from "../../app/api/v1/assignments/route";
import { GET as getPracticeRunRoute } from "../../app/api/v1/practice-runs/[id]/route";
import { POST as createPracticeRunRoute } from "../../app/api/v1/practice-runs/route";
import { loadAssignmentSpec } from "../../lib/assignments/load-assignment";
import { specSha256 } from "../../lib/assignments/spec-hash";
import { CreatedPracticeRunSchema, PracticeRunStatusSchema } from "../../lib/api/practice-schemas";
import { apiRequest, closeConnections, createPerson, jsonBody, uniqueAddress } from "../../lib/api/test-fixtures";
import { db } from "../../lib/db";
import { childEnvironment, isolatedChildEnvironment } from "../../lib/env";
import { createQueueConnection, getGradingQueue, GRADING_QUEUE, queueOptions } from "../../lib/queue/grading-queue";
import { PRACTICE_JOB_NAME } from "../../lib/queue/practice-job";
import { chargedAttemptsWhere } from "../../lib/submissions/attempt-policy";
import { createSubmission } from "../../lib/submissions/create-submission";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LAB = "linear-regression";
const REFERENCE = fs.readFileSync(
  path.join(ROOT, "content/courses/ml-foundations/assignments", LAB, "reference.js"),
  "utf8",
);
const REFERENCE_CJS = fs.readFileSync(
  path.join(ROOT, "content/courses/ml-foundations/assignments", LAB, "reference-cjs.js"),
  "utf8",
);
const courseSlug = `practice-test-${crypto.randomUUID().slice(0, 8)}`;

let assignmentId: string;
let courseId: string;
const workers = new Set<ChildProcess>();

function startWorker(): ChildProcess {
  const worker = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "grader/index.ts")], {
    cwd: ROOT,
    // A grading worker never holds the certificate signing key (where certificates have an issuer of
    // their own, it refuses to start with one); an undefined value leaves the variable out.
    env: childEnvironment({
      GRADER_LOCK_SECONDS: "4",
      GRADER_HEARTBEAT_SECONDS: "1",
      SIGNING_KEY: undefined,
      SIGNING_KEY_FILE: undefined,
    }),
    stdio: ["ignore", "inherit", "inherit"],
  });
  workers.add(worker);
  worker.once("exit", () => workers.delete(worker));
  return worker;
}

async function waitFor<T>(what: string, read: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const practiceFinished = (id: string) =>
  waitFor(`practice run ${id}`, async () => {
    const row = await db.practiceRun.findUniqueOrThrow({ where: { id } });
    return ["COMPLETED", "FAILED", "ERROR"].includes(row.status) ? row : null;
  });

const submissionFinished = (id: string) =>
  waitFor(`submission ${id}`, async () => {
    const row = await db.submission.findUniqueOrThrow({ where: { id } });
    return ["PASSED", "FAILED", "ERROR"].includes(row.status) ? row : null;
  });

async function learner() {
  return createPerson("LEARNER", { courseId, as: "LEARNER" });
}

function postPractice(token: string, code: string, address = uniqueAddress()) {
  return createPracticeRunRoute(
    apiRequest("/api/v1/practice-runs", {
      method: "POST",
      token,
      address,
      ...jsonBody({ course: courseSlug, assignment: LAB, code }),
    }),
  );
}

before(async () => {
  const spec = loadAssignmentSpec("ml-foundations", LAB);
  const passRule = {
    requiredLabs: ["never-offered"],
    minLessonQuizPercent: 0,
    minExamPercent: 0,
    passMarkPercent: 0,
    weights: { labs: 1, quizzes: 0, exam: 0 },
  };
  const course = await db.course.create({
    data: { slug: courseSlug, title: { en: "Practice test" }, summary: { en: "" }, passRule },
  });
  courseId = course.id;
  const assignment = await db.assignment.create({
    data: { courseId: course.id, slug: LAB, position: 0, title: spec.title },
  });
  assignmentId = assignment.id;
  await db.assignmentVersion.create({
    data: {
      assignmentId,
      version: 1,
      spec,
      specSha256: specSha256(spec),
      brief: { en: "", "zh-CN": "" },
      starterCode: "",
      maxAttempts: 3,
    },
  });
});

after(async () => {
  await Promise.all(
    [...workers].map(
      (worker) =>
        new Promise((resolve) => {
          worker.once("exit", resolve);
          worker.kill("SIGKILL");
        }),
    ),
  );
  await getGradingQueue().obliterate({ force: true });
  await closeConnections();
});

describe("the queue", () => {
  test("takes graded work before any practice run, whichever came first", async () => {
    const { user, token } = await learner();
    const practice = CreatedPracticeRunSchema.parse(await (await postPractice(token, REFERENCE)).json());
    const submission = await createSubmission(user, { courseSlug, assignmentSlug: LAB, code: REFERENCE });
    // Both enqueue right after their commits; wait until both jobs are in Redis.
    await waitFor(
      "both jobs enqueued",
      async () =>
        (await db.outboxJob.count({
          where: {
            state: "ENQUEUED",
            OR: [
              { payload: { path: ["practiceRunId"], equals: practice.id } },
              { payload: { path: ["submissionId"], equals: submission.id } },
            ],
          },
        })) === 2,
    );
    // A worker that only takes jobs when asked, to see the order the queue hands them out in.
    const connection = createQueueConnection();
    const taker = new Worker(GRADING_QUEUE, null, queueOptions(connection));
    try {
      const first = await taker.getNextJob("test-token");
      const second = await taker.getNextJob("test-token");
      assert.deepEqual(first?.data, { submissionId: submission.id });
      assert.equal(second?.name, PRACTICE_JOB_NAME);
      assert.deepEqual(second?.data, { practiceRunId: practice.id });
      assert.ok((second?.opts.attempts ?? 0) <= 2, "practice jobs are retried once at most");
    } finally {
      await taker.close();
      await connection.quit();
      await getGradingQueue().obliterate({ force: true });
      await db.practiceRun.delete({ where: { id: practice.id } });
      await db.submission.delete({ where: { id: submission.id } });
    }
  });
});

describe("practice runs through a real worker", () => {
  before(() => {
    startWorker();
  });

  test("a lab's reference runs on the practice sample and is scored on the validation sample, uncharged", async () => {
    const { user, token } = await learner();
    const response = await postPractice(token, REFERENCE);
    assert.equal(response.status, 201);
    const created = CreatedPracticeRunSchema.parse(await response.json());
    assert.deepEqual([created.practiceRows, created.validationRows, created.trainingSeconds], [512, 256, 20]);

    // One check at a time per learner and lab.
    const again = await postPractice(token, REFERENCE);
    assert.equal(again.status, 409);

    await practiceFinished(created.id);
    const status = PracticeRunStatusSchema.parse(
      await (
        await getPracticeRunRoute(apiRequest(created.statusUrl, { token }), {
          params: Promise.resolve({ id: created.id }),
        })
      ).json(),
    );
    assert.equal(status.status, "COMPLETED", status.message ?? "");
    assert.equal(status.metricName, "mse");
    assert.ok(status.metricValue !== null && Number.isFinite(status.metricValue));
    assert.equal(status.outputShape, "[batch, 1]");
    assert.ok(status.curves.length > 0, "a loss curve");
    assert.equal(status.errorLine, null);

    // Practice is no attempt and no submission, and nobody else can read it.
    assert.equal(await db.submission.count({ where: { userId: user.id } }), 0);
    assert.equal(await db.submission.count({ where: chargedAttemptsWhere(user.id, assignmentId) }), 0);
    const listed = (await (await listAssignmentsRoute(apiRequest("/api/v1/assignments", { token }))).json()) as {
      assignments: { slug: string; attemptsUsed: number }[];
    };
    assert.equal(listed.assignments.find((lab) => lab.slug === LAB)?.attemptsUsed, 0);
    const stranger = await learner();
    const peek = await getPracticeRunRoute(apiRequest(created.statusUrl, { token: stranger.token }), {
      params: Promise.resolve({ id: created.id }),
    });
    assert.equal(peek.status, 404);
  });

  test("a CommonJS module is checked like an ES module; a require of anything else is refused where it is", async () => {
    const { token } = await learner();
    const commonJs = CreatedPracticeRunSchema.parse(await (await postPractice(token, REFERENCE_CJS)).json());
    const checked = await practiceFinished(commonJs.id);
    assert.equal(checked.status, "COMPLETED", checked.message ?? "");
    assert.ok(checked.metricValue !== null && Number.isFinite(checked.metricValue));

    const refused = CreatedPracticeRunSchema.parse(
      await (
        await postPractice(
          (await learner()).token,
          'const tf = require("@tensorflow/tfjs");\nconst fs = require("fs");\n',
        )
      ).json(),
    );
    const run = await practiceFinished(refused.id);
    assert.equal(run.failureCode, "unavailable_import");
    assert.deepEqual([run.errorLine, run.errorColumn], [2, 20]);
    assert.match(run.message ?? "", /require\("fs"\) is not available.*"@tensorflow\/tfjs"/);
  });

  test("a parse error is reported with its line and column, without reaching the sandbox", async () => {
    const { token } = await learner();
    const created = CreatedPracticeRunSchema.parse(
      await (await postPractice(token, "export async function train({ tf }) {\n  const x = ;\n}\n")).json(),
    );
    const run = await practiceFinished(created.id);
    assert.equal(run.status, "FAILED");
    assert.equal(run.failureCode, "syntax_error");
    assert.deepEqual([run.errorLine, run.errorColumn], [2, 13]);
  });

  test("has its own rate limit, with how long to wait", async () => {
    const { token } = await learner();
    const address = uniqueAddress();
    // Every well-formed request counts, accepted or refused as a check is still running.
    const first = await postPractice(token, "export const x = ;", address);
    assert.equal(first.status, 201);
    for (let i = 0; i < 3; i++) await postPractice(token, "export const x = ;", address);
    const limited = await postPractice(token, "export const x = ;", address);
    assert.equal(limited.status, 429);
    assert.match(
      ((await limited.json()) as { error: { message: string } }).error.message,
      /Try again in \d+ seconds?\./,
    );
    assert.ok(limited.headers.get("retry-after"));
  });

  test("npm run submit -- --check waits and prints the practice result", async () => {
    const { token } = await learner();
    const server = http.createServer((incoming, outgoing) => void bridge(incoming, outgoing));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-check-"));
    try {
      const file = path.join(dir, "model.js");
      fs.writeFileSync(file, REFERENCE);
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { code, output } = await runCli(["--assignment", LAB, "--course", courseSlug, "--file", file, "--check"], {
        GRADIENT_TOKEN: token,
        GRADIENT_URL: baseUrl,
      });
      assert.equal(code, 0, output);
      assert.match(output, /not graded, not counted/);
      assert.match(output, /It runs: mse \S+ on 256 validation examples/);
      assert.match(output, /Output shape \[batch, 1\]/);
      assert.match(output, /Loss per epoch \(\d+\):/);
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("graded submissions that fail before train() starts", () => {
  test("cost no attempt when the host finds the failure; a module that throws as it loads is charged", async () => {
    const { user } = await learner();
    const submit = (code: string) => createSubmission(user, { courseSlug, assignmentSlug: LAB, code });
    const charged = () => db.submission.count({ where: chargedAttemptsWhere(user.id, assignmentId) });

    const parseError = await submissionFinished((await submit("export async function train( {")).id);
    assert.equal(parseError.failureCode, "syntax_error");
    const missingImport = await submissionFinished(
      (await submit('import helper from "./helper.js";\nexport async function train() { return helper; }\n')).id,
    );
    assert.equal(missingImport.failureCode, "unavailable_import");
    assert.match(missingImport.message ?? "", /line 1, column 20/);
    const noTrain = await submissionFinished((await submit("export async function fit() {}\n")).id);
    assert.equal(noTrain.failureCode, "no_train_export");
    assert.equal(await charged(), 0);
    // Three uncharged failures leave all three attempts: the next submission is attempt 1 again.
    const throwsOnLoad = await submit('throw new Error("top-level");\nexport async function train() {}\n');
    assert.equal(throwsOnLoad.attemptNumber, 1);
    const loaded = await submissionFinished(throwsOnLoad.id);
    assert.equal(loaded.failureKind, "LEARNER");
    assert.equal(loaded.failureCode, "import_failed");
    assert.equal(await charged(), 1);
  });
});

function routeOf(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const run = /^\/api\/v1\/practice-runs\/([^/]+)$/.exec(pathname);
  if (pathname === "/api/v1/assignments" && request.method === "GET") return listAssignmentsRoute(request);
  if (pathname === "/api/v1/practice-runs" && request.method === "POST") return createPracticeRunRoute(request);
  if (run?.[1] && request.method === "GET")
    return getPracticeRunRoute(request, { params: Promise.resolve({ id: run[1] }) });
  return Promise.resolve(new Response("not found", { status: 404 }));
}

/** The route handlers served over plain node:http, as the CLI reaches them (no Next build needed). */
async function bridge(incoming: http.IncomingMessage, outgoing: http.ServerResponse): Promise<void> {
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
  const init: RequestInit & { duplex: "half" } = {
    method: incoming.method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  };
  const response = await routeOf(new Request(`http://127.0.0.1${incoming.url}`, init));
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

function runCli(args: string[], variables: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/submit.ts"), ...args], {
      cwd: ROOT,
      env: isolatedChildEnvironment(variables),
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}
