// The disk that holds the grader's job folders (GRADIENT_DATA_DIR/jobs) fills up: a small tmpfs
// mounted as the worker's data folder, filled to the last page by a filler file. Whether the disk
// is full before the job folder is set up or fills while the learner's model trains, the grading
// is the platform's failure: retried, never charged, and graded once the disk has room again.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { ensureDebianPackages } from "../../lib/system/debian-packages";
import { openFaultLab, waitFor, type FaultLab, type WorkerProcess } from "./support/fault-lab";
import { errorMessage } from "../../lib/errors";

// Room for a few job folders of the linear-regression lab (its train split is about 72 KB).
const DISK_SIZE = "2m";
const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-fault-disk-"));
const fillerFile = path.join(mountPoint, "filler");

// Only root can mount; without it this test fails, saying so, rather than leaving the suite.
function mountSmallDisk(): void {
  ensureDebianPackages(["mount"], "the disk-full fault test");
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${DISK_SIZE},mode=0755`, "tmpfs", mountPoint], { stdio: "pipe" });
  } catch (error) {
    throw new Error(
      `this test needs a ${DISK_SIZE} tmpfs at ${mountPoint}, and mounting one needs root (CAP_SYS_ADMIN): ${errorMessage(error)}`,
    );
  }
}

/** Writes page-sized blocks until the disk refuses one: afterwards no file there can grow. */
function fillDisk(): void {
  const block = Buffer.alloc(4096);
  const fd = fs.openSync(fillerFile, "a");
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    fs.closeSync(fd);
  }
}

let isMounted = false;
let lab: FaultLab;
let worker: WorkerProcess;

before(async () => {
  mountSmallDisk();
  isMounted = true;
  lab = await openFaultLab({ name: "disk", workerDataDir: mountPoint });
  worker = lab.startWorker();
  await lab.workerReady(worker);
});

after(async () => {
  await lab?.close();
  if (isMounted) execFileSync("umount", [mountPoint]);
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

/** Waits until the platform gave the submission back for a retry (or, wrongly, ended it). */
const retriedOrEnded = (id: string) =>
  waitFor(`submission ${id} to be handed back or ended`, async () => {
    const row = await lab.db.submission.findUniqueOrThrow({ where: { id } });
    return row.platformRetries >= 1 || ["PASSED", "FAILED", "ERROR"].includes(row.status) ? row : null;
  });

describe("the job folder's disk fills up", () => {
  test(
    "full before the job starts: handed back, not charged, graded once there is room",
    { timeout: 180_000 },
    async () => {
      const learner = await lab.createLearner();
      fillDisk();
      let handedBack;
      try {
        const submission = await lab.submit(learner);
        handedBack = await retriedOrEnded(submission.id);
      } finally {
        fs.rmSync(fillerFile, { force: true });
      }
      assert.ok(
        handedBack.platformRetries >= 1,
        `a full disk is the platform's failure, retried: ` +
          `${handedBack.status} ${handedBack.failureKind} ${handedBack.message}`,
      );

      const graded = await lab.finished(handedBack.id);
      assert.equal(graded.status, "PASSED", graded.message ?? "");
      assert.equal(graded.attemptNumber, 1);
      assert.equal(await lab.db.submission.count({ where: { userId: learner.id } }), 1);
    },
  );

  test(
    // Run as root, the weights are saved into the run's own output tmpfs (grader/sandbox/output-tmpfs.ts),
    // so what fails is the grader's next write to this disk (the prediction run's job folder); without
    // root, the save itself.
    "fills while the model trains: handed back, not charged, graded once there is room",
    { timeout: 180_000 },
    async () => {
      const learner = await lab.createLearner();
      const submission = await lab.submit(learner);
      // The job folder is written before the page is told "Training": the disk fills after set-up.
      await waitFor(
        "training to start",
        async () =>
          (await lab.db.submission.findUniqueOrThrow({ where: { id: submission.id } })).message ===
          "Training your model",
      );
      let handedBack;
      try {
        fillDisk();
        handedBack = await retriedOrEnded(submission.id);
      } finally {
        fs.rmSync(fillerFile, { force: true });
      }
      assert.ok(
        handedBack.platformRetries >= 1,
        `a full disk is the platform's failure, retried, not the learner's: ` +
          `${handedBack.status} ${handedBack.failureKind} ${handedBack.failureCode}: ${handedBack.message}`,
      );

      const graded = await lab.finished(submission.id);
      assert.equal(graded.status, "PASSED", graded.message ?? "");
      assert.equal(graded.attemptNumber, 1);
      assert.equal(await lab.db.submission.count({ where: { userId: learner.id } }), 1);
    },
  );
});
