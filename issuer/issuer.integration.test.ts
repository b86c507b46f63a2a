// The signing key stays out of the process that handles learner artefacts. The grading worker and
// the certificate issuer are started as `npm start` starts them (scripts/lib/stack.ts), both handed
// an environment that holds the key, on a Redis and a database of this test's own (the fault
// tests' lab): a passed lab gets its certificate from the issuer, while the worker's environment
// holds no key setting and it never opens the key file it would fall back to.
//
// That file is a FIFO: opening one to read it blocks until a writer comes, and meanwhile counts as
// a reader, so a writer's non-blocking open succeeds (instead of failing with ENXIO) if the worker
// ever tried to read it, whenever the test looks. Nothing here depends on timing.
import assert from "node:assert/strict";
import { execFileSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { compactVerify } from "jose";
import { generateSigningKeyPem, keyFromPem, SIGNING_KEY_FILE_NAME } from "../lib/certificates/signing-key";
import { openFaultLab, waitFor, type FaultLab } from "../tests/faults/support/fault-lab";

let lab: FaultLab;
const KEY_PEM = generateSigningKeyPem();
/** The worker's would-be key file: the default path in its data folder, where `npm start` keeps the key. */
let trap: string;
let issuer: ChildProcess;
let worker: ChildProcess;

/** Fails the test when anything has the trap open for reading, or ever blocked opening it. */
function assertTrapNeverOpened(): void {
  let fd: number;
  try {
    fd = fs.openSync(trap, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENXIO") return;
    throw error;
  }
  fs.closeSync(fd);
  assert.fail(`a process opened ${trap}, the grading worker's would-be signing key file, to read it`);
}

/** Waits as the fault lab does, checking the trap at every look. */
function waitWatching<T>(what: string, read: () => Promise<T | null | undefined | false>): Promise<T> {
  return waitFor(what, async () => {
    assertTrapNeverOpened();
    return read();
  });
}

/**
 * A process's environment as the kernel recorded it at exec (what a compromised process could read
 * of itself); null for a process that has ended meanwhile.
 */
function environmentOf(pid: number): string[] | null {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** The ids of a process's children, from each process's parent field in /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The fields after the command name (which may hold spaces and parentheses): state, then the parent's pid.
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return children;
}

/** `pid` and every process below it. */
function processTree(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(processTree)];
}

const signingKeySettings = (variables: string[]) => variables.filter((entry) => entry.startsWith("SIGNING_KEY"));

before(async () => {
  lab = await openFaultLab({ name: "issuer" });
  // A rule one passed lab meets, so the lab's reference completes the course.
  await lab.db.course.update({
    where: { id: lab.courseId },
    data: {
      passRule: {
        requiredLabs: ["linear-regression"],
        minLessonQuizPercent: 0,
        minExamPercent: 0,
        passMarkPercent: 50,
        weights: { labs: 1, quizzes: 0, exam: 0 },
      },
    },
  });
  fs.mkdirSync(lab.workerDataDir, { recursive: true });
  trap = path.join(lab.workerDataDir, SIGNING_KEY_FILE_NAME);
  execFileSync("mkfifo", ["-m", "600", trap]);
  // The trap springs: a reader that opened it (here without blocking) is seen.
  const reader = fs.openSync(trap, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  assert.throws(assertTrapNeverOpened, /to read it/);
  fs.closeSync(reader);
  assertTrapNeverOpened();

  const keyFile = path.join(path.dirname(lab.workerDataDir), "issuer-signing-key.pem");
  fs.writeFileSync(keyFile, KEY_PEM, { mode: 0o600 });
  // What `npm start` hands every platform process, with both ways of giving the key set.
  const processEnv = lab.platform.childEnvironment({
    GRADIENT_DATA_DIR: lab.workerDataDir,
    SIGNING_KEY_FILE: keyFile,
    SIGNING_KEY: KEY_PEM,
  });
  worker = lab.platform.stack.startWorker(processEnv);
  issuer = lab.platform.stack.startCertificateIssuer(processEnv);
});

after(async () => {
  await Promise.all([worker, issuer].filter(Boolean).map((child) => lab.platform.stack.stopProcess(child)));
  await lab?.close();
});

describe("the certificate issuer and the grading worker", () => {
  test("the worker's processes hold no signing key setting; the issuer's do", { timeout: 120_000 }, async () => {
    const heartbeat = await waitWatching("the grading worker to be ready", () =>
      lab.db.workerHeartbeat.findFirst({ where: { backend: "ready" } }),
    );
    const workerTree = processTree(worker.pid ?? -1);
    assert.ok(workerTree.includes(heartbeat.pid), "the worker that reported in is the one started here");
    assert.ok(environmentOf(heartbeat.pid), "the grading process's environment can be read");
    for (const pid of workerTree) {
      const variables = environmentOf(pid);
      if (variables === null) continue;
      assert.ok(variables.includes(`GRADIENT_DATA_DIR=${lab.workerDataDir}`), `process ${pid}'s environment was read`);
      assert.deepEqual(signingKeySettings(variables), [], `process ${pid} of the grading worker`);
    }
    const issuerVariables = processTree(issuer.pid ?? -1).flatMap((pid) => environmentOf(pid) ?? []);
    assert.ok(signingKeySettings(issuerVariables).length > 0, "the issuer was given the key");
    assertTrapNeverOpened();
  });

  test("a passed lab gets its certificate from the issuer, signed with its key", { timeout: 300_000 }, async () => {
    const learner = await lab.createLearner();
    const submission = await lab.submit(learner);
    const graded = await waitWatching(`submission ${submission.id} to be graded`, async () => {
      const row = await lab.db.submission.findUniqueOrThrow({ where: { id: submission.id } });
      return ["PASSED", "FAILED", "ERROR"].includes(row.status) ? row : null;
    });
    assert.equal(graded.status, "PASSED", graded.message ?? "");

    const certificate = await waitWatching("the certificate", () =>
      lab.db.certificate.findUnique({ where: { userId_courseId: { userId: learner.id, courseId: lab.courseId } } }),
    );
    const told = await waitWatching("the submission to say so", async () => {
      const row = await lab.db.submission.findUniqueOrThrow({ where: { id: submission.id } });
      return row.message?.includes(`your certificate is at`) ? row : null;
    });
    assert.match(told.message ?? "", new RegExp(`/verify/${certificate.publicId}$`));

    const key = await keyFromPem(KEY_PEM);
    const signedWith = await lab.db.signingKey.findUniqueOrThrow({ where: { id: certificate.signingKeyId } });
    assert.equal(signedWith.kid, key.kid);
    await compactVerify(certificate.credentialJwt, crypto.createPublicKey(key.privateKey));
    // The worker marks its row once its enqueue is done, which may be a moment after the issuer took the job.
    const outbox = await waitWatching("the certificate job to be marked enqueued", async () => {
      const rows = await lab.db.outboxJob.findMany({ where: { queue: "certificates" } });
      return rows.every((row) => row.state === "ENQUEUED") && rows;
    });
    assert.deepEqual(
      outbox.map((row) => row.payload),
      [{ submissionId: submission.id }],
    );
    assertTrapNeverOpened();
  });

  test(
    "a certificate job whose enqueue was lost is relayed and issued by the issuer",
    { timeout: 120_000 },
    async () => {
      // A pass stored with its outbox row by a worker that died before it could enqueue.
      const learner = await lab.createLearner();
      const version = await lab.db.assignmentVersion.findFirstOrThrow({ where: { assignmentId: lab.assignmentId } });
      const passed = await lab.db.submission.create({
        data: {
          userId: learner.id,
          assignmentId: lab.assignmentId,
          assignmentVersionId: version.id,
          attemptNumber: 1,
          status: "PASSED",
          score: 0.1,
          threshold: 0.35,
          code: "// graded earlier",
          codeSha256: "a".repeat(64),
          specSha256: version.specSha256,
          heldOutSha256: "b".repeat(64),
          graderVersion: "test",
          backend: "wasm/wasm",
          seed: 1,
          finishedAt: new Date(),
        },
      });
      await lab.db.outboxJob.create({
        data: { queue: "certificates", name: "issue", payload: { submissionId: passed.id } },
      });
      await waitWatching("the relayed job's certificate", () =>
        lab.db.certificate.findUnique({ where: { userId_courseId: { userId: learner.id, courseId: lab.courseId } } }),
      );
      await waitWatching(
        "the issuer's relay to mark the row enqueued",
        async () => (await lab.db.outboxJob.count({ where: { queue: "certificates", state: "PENDING" } })) === 0,
      );
    },
  );

  test("a grading worker given the key refuses to start", { timeout: 120_000 }, async () => {
    const keyed = lab.startWorker({ SIGNING_KEY_FILE: trap });
    const closed = new Promise((resolve) => keyed.child.once("close", resolve));
    const outcome = await waitWatching("the worker to refuse, or to start", async () => {
      if (keyed.child.exitCode !== null) return "refused";
      return keyed.records.some((record) => record.msg === "waiting for jobs") && "started";
    });
    assert.equal(outcome, "refused", "the worker started with the key");
    await closed; // its output read to the end
    assert.equal(keyed.child.exitCode, 1);
    assert.ok(
      keyed.records.some((record) => /must never hold the certificate signing key/.test(JSON.stringify(record))),
      keyed.lines.join("\n"),
    );
    assertTrapNeverOpened();
  });
});
