// `npm start`'s demo step against a real grading worker and certificate issuer, started as `npm
// start` starts them, on a database and Redis of this test's own seeded as `npm start` seeds: the
// demo learner's certificate is issued by the pass rule from real gradings of the labs' reference
// solutions, and its evidence carries their receipts. The step starts where an interrupted start
// left off (one quiz taken, one lab submitted) and does the rest; a second run does nothing.
// The certificate it ends with is then checked as strangers check it: both token forms with plain
// `jose` and the official OB 3.0 schema, the embedded proof by our own verifier and by
// @digitalcredentials/verifier-core, which dereferences the issuer's documents over HTTP from a
// server answering with the app's route handlers (PUBLIC_URL, for the issuer too) and nothing else.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { decodeJwt } from "jose";
import { DEMO_ACCOUNTS } from "../../prisma/demo-accounts";
import { openFaultLab, type FaultLab } from "../../tests/faults/support/fault-lab";
import { generateSigningKeyPem } from "../certificates/signing-key";
import { startIssuerRouteServer, type IssuerRouteServer } from "../certificates/testing/issuer-route-server";
import { assertVerifiesAsStrangersDo } from "../certificates/testing/verify-as-strangers";
import { overrideEnvironmentForTest } from "../env";

const COURSE = "ml-foundations";
const DEMO_EMAIL = DEMO_ACCOUNTS.find((account) => account.role === "LEARNER")?.email ?? "";
/** Five labs' training on a shared two-core machine, with room for a busy run. */
const GRADING_TIMEOUT_MS = 20 * 60_000;

let lab: FaultLab;
let issuerServer: IssuerRouteServer;
let processEnv: NodeJS.ProcessEnv;
const platformProcesses: ChildProcess[] = [];

interface DemoRun {
  exitCode: number | null;
  lines: string[];
}

/** Runs the demo step to its end, as `npm start` runs it, and returns what it printed on stdout. */
function runDemoWork(): Promise<DemoRun> {
  const child = lab.platform.stack.startDemoWork(processEnv, "pipe");
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(`  [demo work] ${chunk.toString()}`);
  });
  return new Promise((resolve) =>
    child.once("exit", (exitCode) => resolve({ exitCode, lines: output.split("\n").map((line) => line.trim()) })),
  );
}

before(async () => {
  lab = await openFaultLab({ name: "demo" });
  fs.mkdirSync(lab.workerDataDir, { recursive: true });
  const keyFile = path.join(path.dirname(lab.workerDataDir), "demo-signing-key.pem");
  fs.writeFileSync(keyFile, generateSigningKeyPem(), { mode: 0o600 });
  // Before anything is issued: the certificate names this server's origin, and its status lists are
  // signed here, by the route handlers, with the issuer's key.
  issuerServer = await startIssuerRouteServer();
  overrideEnvironmentForTest({ PUBLIC_URL: issuerServer.origin, SIGNING_KEY_FILE: keyFile, SIGNING_KEY: undefined });
  processEnv = lab.platform.childEnvironment({ GRADIENT_DATA_DIR: lab.workerDataDir, SIGNING_KEY_FILE: keyFile });
  assert.equal(lab.platform.stack.seed(processEnv), null, "a fresh seed reports no demo certificate");
  platformProcesses.push(
    lab.platform.stack.startWorker(processEnv),
    lab.platform.stack.startCertificateIssuer(processEnv),
  );
});

after(async () => {
  await Promise.all(platformProcesses.map((child) => lab.platform.stack.stopProcess(child)));
  await issuerServer?.close();
  await lab?.close();
});

test(
  "the demo step has the reference solutions graded and the quizzes taken, and the certificate carries their receipts and passes strangers' checks",
  { timeout: GRADING_TIMEOUT_MS + 120_000 },
  async () => {
    const { db } = lab;
    const [{ takeQuiz }, { loadAnswerKey }, { loadAssignmentSpec, assignmentDir }, { getDashboard }] =
      await Promise.all([
        import("./take-quiz"),
        import("./answer-key"),
        import("../assignments/load-assignment"),
        import("../users/get-dashboard"),
      ]);
    const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL }, select: { id: true } });
    const learner = { id: user.id, role: "LEARNER" as const };
    const firstLesson = await db.lesson.findFirstOrThrow({
      where: { course: { slug: COURSE } },
      orderBy: { position: "asc" },
      select: { slug: true },
    });
    // What a start interrupted half-way leaves: one quiz taken, one lab handed in.
    const answers = loadAnswerKey(COURSE).get(firstLesson.slug) ?? new Map<string, never>();
    assert.equal(await takeQuiz({ learner, courseSlug: COURSE, quizSlug: firstLesson.slug, answers }), 100);
    const reference = (slug: string) => fs.readFileSync(path.join(assignmentDir(COURSE, slug), "reference.js"), "utf8");
    await lab.platform.createSubmission(learner, {
      courseSlug: COURSE,
      assignmentSlug: "linear-regression",
      code: reference("linear-regression"),
    });

    const first = await runDemoWork();
    assert.equal(first.exitCode, 0, first.lines.join("\n"));
    assert.ok(first.lines.some((line) => line.startsWith("Grading the demo learner's work")));
    assert.ok(first.lines.includes("Demo learner: 5 of 5 labs graded"), first.lines.join("\n"));
    const certificateLine = first.lines.find((line) => line.startsWith("The demo learner's certificate: "));
    const publicId = certificateLine?.match(/\/verify\/([\w-]+)$/)?.[1];
    assert.ok(publicId, first.lines.join("\n"));

    const course = await db.course.findUniqueOrThrow({ where: { slug: COURSE }, select: { id: true } });
    const certificate = await db.certificate.findUniqueOrThrow({
      where: { userId_courseId: { userId: user.id, courseId: course.id } },
    });
    assert.equal(certificate.publicId, publicId);
    const issuedBy = await db.auditLog.findFirstOrThrow({
      where: { action: "certificate.issue", targetId: certificate.id },
      select: { actorId: true },
    });
    assert.equal(issuedBy.actorId, null, "issued by the platform's pass rule, not by a person");

    const labs = await db.assignment.findMany({
      where: { courseId: course.id, isGraded: true },
      select: { slug: true, submissions: { where: { userId: user.id }, select: { status: true } } },
    });
    assert.equal(labs.length, 5);
    for (const graded of labs)
      assert.deepEqual(
        graded.submissions.map((submission) => submission.status),
        ["PASSED"],
        `${graded.slug}: one submission, passed`,
      );
    const quizzes = await db.quiz.findMany({
      where: { courseId: course.id },
      select: { slug: true, passPercent: true, attempts: { where: { userId: user.id } } },
    });
    for (const quiz of quizzes) {
      assert.equal(quiz.attempts.length, 1, `${quiz.slug}: one attempt`);
      const [attempt] = quiz.attempts;
      assert.ok(attempt?.isPassed && attempt.maxScore, `${quiz.slug} passed`);
      assert.equal(attempt.score, attempt.maxScore, `${quiz.slug}: every answer right`);
    }

    const credential = decodeJwt(certificate.credentialJwt) as { evidence?: Record<string, unknown>[] };
    const evidence = credential.evidence ?? [];
    assert.deepEqual(evidence.map((item) => item.lab).sort(), labs.map((graded) => graded.slug).sort());
    for (const item of evidence) {
      const slug = String(item.lab);
      const expectedHash = crypto.createHash("sha256").update(reference(slug), "utf8").digest("hex");
      assert.equal(item.codeSha256, expectedHash, `${slug}: the graded code is the reference solution`);
      assert.match(String(item.heldOutSha256), /^[0-9a-f]{64}$/, `${slug}: the held-out split's hash`);
      assert.equal(typeof item.graderVersion, "string", `${slug}: grader version`);
      assert.notEqual(item.graderVersion, "demo-seed");
      assert.equal(typeof item.backend, "string", `${slug}: backend`);
      assert.equal(typeof item.seed, "number", `${slug}: seed`);
      const metric = loadAssignmentSpec(COURSE, slug).metric;
      const [score, threshold] = [Number(item.score), Number(item.threshold)];
      assert.equal(threshold, metric.threshold, `${slug}: the lab's threshold`);
      // mse passes at or below its threshold, accuracy and macro-F1 at or above.
      assert.ok(metric.direction === "higher" ? score >= threshold : score <= threshold, `${slug}: ${score} passes`);
    }

    await assertVerifiesAsStrangersDo(certificate, issuerServer);

    const dashboard = await getDashboard({ id: user.id }, "en");
    const progress = dashboard.courses.find((entry) => entry.slug === COURSE)?.progress;
    assert.ok(progress);
    assert.equal(progress.labsPassed, 5);
    assert.equal(progress.labsTotal, 5);
    assert.equal(progress.lessonsDone, progress.lessonsTotal);
    assert.ok(progress.isExamPassed);
    assert.equal(progress.nextStep.kind, "done");

    const second = await runDemoWork();
    assert.equal(second.exitCode, 0, second.lines.join("\n"));
    assert.ok(second.lines.includes(certificateLine ?? ""), second.lines.join("\n"));
    assert.ok(!second.lines.some((line) => line.startsWith("Grading")), "nothing is redone");
    assert.equal(await db.submission.count({ where: { userId: user.id } }), 5);
    assert.equal(await db.quizAttempt.count({ where: { userId: user.id } }), quizzes.length);
    assert.equal(
      lab.platform.stack.seed(processEnv),
      certificateLine?.slice("The demo learner's certificate: ".length),
    );
  },
);
