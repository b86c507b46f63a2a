// `npm run submit` end to end: the real CLI process against the real /api/v1 route handlers
// (served by a bare node:http bridge instead of a Next build), with this test playing the grader.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { GET as listAssignmentsRoute } from "../../app/api/v1/assignments/route";
import { GET as getSubmissionRoute } from "../../app/api/v1/submissions/[id]/route";
import { POST as createSubmissionRoute } from "../../app/api/v1/submissions/route";
import { db } from "../db";
import { isolatedChildEnvironment } from "../env";
import { closeConnections, createCourseWithLab, createPerson } from "./test-fixtures";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function routeOf(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const submission = /^\/api\/v1\/submissions\/([^/]+)$/.exec(pathname);
  if (pathname === "/api/v1/assignments" && request.method === "GET") return listAssignmentsRoute(request);
  if (pathname === "/api/v1/submissions" && request.method === "POST") return createSubmissionRoute(request);
  if (submission?.[1] && request.method === "GET")
    return getSubmissionRoute(request, { params: Promise.resolve({ id: submission[1] }) });
  return Promise.resolve(new Response("not found", { status: 404 }));
}

async function answer(incoming: http.IncomingMessage, outgoing: http.ServerResponse): Promise<void> {
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
  const init: RequestInit & { duplex: "half" } = {
    method: incoming.method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  };
  const request = new Request(`http://127.0.0.1${incoming.url}`, init);
  const response = await routeOf(request);
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

const server = http.createServer((incoming, outgoing) => void answer(incoming, outgoing));

let baseUrl: string;
let workDir: string;

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-submit-"));
});

after(async () => {
  server.close();
  fs.rmSync(workDir, { recursive: true, force: true });
  await closeConnections();
});

function runCli(args: string[], token: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "submit.ts"), ...args], {
      cwd: ROOT,
      env: isolatedChildEnvironment({ GRADIENT_TOKEN: token, GRADIENT_URL: baseUrl }),
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Plays the grader: waits for the CLI's submission, then moves it through training to `outcome`. */
async function gradeNextSubmission(userId: string, outcome: "PASSED" | "FAILED") {
  let submission = null;
  while (!submission) {
    submission = await db.submission.findFirst({ where: { userId } });
    if (!submission) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const update = (data: Parameters<typeof db.submission.update>[0]["data"]) =>
    db.submission.update({ where: { id: submission.id }, data });
  const pause = () => new Promise((resolve) => setTimeout(resolve, 1200));
  await update({ status: "RUNNING", startedAt: new Date() });
  await pause();
  await update({
    curves: [
      { epoch: 1, loss: 0.5 },
      { epoch: 2, loss: 0.25 },
    ],
  });
  await pause();
  await update(
    outcome === "PASSED"
      ? { status: "PASSED", score: 0.01, finishedAt: new Date() }
      : {
          status: "FAILED",
          failureKind: "LEARNER",
          failureCode: "below_threshold",
          message: "Your model's mse 0.4 did not reach 0.05.",
          score: 0.4,
          logs: "epoch 1\nepoch 2\n",
          finishedAt: new Date(),
        },
  );
}

describe("npm run submit", () => {
  test("submits, shows training progress and exits 0 when the lab is passed", async () => {
    const lab = await createCourseWithLab();
    const learner = await createPerson("LEARNER", { courseId: lab.course.id, as: "LEARNER" });
    const file = path.join(workDir, "model.ts");
    fs.writeFileSync(file, "export function buildModel(tf: unknown) { return tf; }\n");
    const [result] = await Promise.all([
      runCli(["--assignment", lab.labSlug, "--file", file], learner.token),
      gradeNextSubmission(learner.user.id, "PASSED"),
    ]);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, new RegExp(`Submitted .*model\\.ts to ${lab.courseSlug}/lab-one`));
    assert.match(result.output, /training {2}epoch 2\/5 {2}loss 0\.2500/);
    assert.match(result.output, /✔ Passed: mse 0\.01000 \(needed ≤ 0\.05\)/);
    const row = await db.submission.findFirstOrThrow({ where: { userId: learner.user.id } });
    assert.equal(row.language, "typescript");
    assert.equal(row.source, "API");
  });

  test("exits 1 with the message and the log when the model falls short", async () => {
    const lab = await createCourseWithLab();
    const learner = await createPerson("LEARNER", { courseId: lab.course.id, as: "LEARNER" });
    const file = path.join(workDir, "weak.js");
    fs.writeFileSync(file, "export function buildModel(tf) { return tf; }\n");
    const [result] = await Promise.all([
      runCli(["--assignment", lab.labSlug, "--file", file, "--course", lab.courseSlug], learner.token),
      gradeNextSubmission(learner.user.id, "FAILED"),
    ]);
    assert.equal(result.code, 1, result.output);
    assert.match(result.output, /✖ Failed: Your model's mse 0\.4 did not reach 0\.05\. \[below_threshold\]/);
    assert.match(result.output, /Last lines of the log:\nepoch 1\nepoch 2/);
  });

  test("exits 2 with a clear message for an unknown lab, a bad file or a bad token", async () => {
    const lab = await createCourseWithLab();
    const learner = await createPerson("LEARNER", { courseId: lab.course.id, as: "LEARNER" });
    const file = path.join(workDir, "ok.js");
    fs.writeFileSync(file, "export const x = 1;\n");
    const unknownLab = await runCli(["--assignment", "no-such-lab", "--file", file], learner.token);
    assert.equal(unknownLab.code, 2);
    assert.match(unknownLab.output, /No lab "no-such-lab" among your courses\. Your labs: .*lab-one/);
    const badFile = await runCli(
      ["--assignment", lab.labSlug, "--file", path.join(workDir, "model.py")],
      learner.token,
    );
    assert.equal(badFile.code, 2);
    assert.match(badFile.output, /Cannot read/);
    const badToken = await runCli(["--assignment", lab.labSlug, "--file", file], `gra_${"B".repeat(43)}`);
    assert.equal(badToken.code, 2);
    assert.match(badToken.output, /That token is not valid/);
    assert.equal(await db.submission.count({ where: { userId: learner.user.id } }), 0);
  });
});
