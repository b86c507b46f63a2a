// Roles, course instructors and the queue view, on the run's own Postgres and Redis, with every
// authorisation case: a learner, an instructor, and an admin.
import "../instructor/test-queue-prefix";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "../db";
import { ForbiddenError, ValidationError } from "../errors";
import { Worker } from "bullmq";
import { createQueueConnection, getGradingQueue, GRADING_QUEUE, queueOptions } from "../queue/grading-queue";
import {
  closeTestQueue,
  makeCourse,
  makeSubmission,
  makeUser,
  rejection,
  type TestCourse,
} from "../instructor/test-fixtures";
import { changeUserRole } from "./change-user-role";
import { getQueueStatus, ISSUER_STALLED_MS, WORKER_ALIVE_MS } from "./get-queue-status";
import { closeCertificateQueue, getCertificateQueue } from "../queue/certificate-queue";
import { listAccounts } from "./list-accounts";
import { setCourseInstructor } from "./set-course-instructor";

let course: TestCourse;
let admin: Awaited<ReturnType<typeof makeUser>>;
let instructor: Awaited<ReturnType<typeof makeUser>>;
let learner: Awaited<ReturnType<typeof makeUser>>;

before(async () => {
  course = await makeCourse("admin-test");
  admin = await makeUser("ADMIN");
  instructor = await makeUser("INSTRUCTOR", { courseId: course.courseId, as: "INSTRUCTOR" });
  learner = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" });
});

after(async () => {
  await closeTestQueue();
  await getCertificateQueue().obliterate({ force: true });
  await closeCertificateQueue();
  await db.$disconnect();
});

describe("changeUserRole", () => {
  test("an admin changes a role, and the change is audited", async () => {
    const someone = await makeUser("LEARNER");
    const result = await changeUserRole({ viewer: admin, input: { userId: someone.id, role: "INSTRUCTOR" } });
    assert.deepEqual(result, { id: someone.id, role: "INSTRUCTOR", isChanged: true });
    assert.equal((await db.user.findUniqueOrThrow({ where: { id: someone.id } })).role, "INSTRUCTOR");
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "user.role.change", targetId: someone.id } });
    assert.equal(entry.actorId, admin.id);
    assert.deepEqual(entry.details, { email: someone.email, from: "LEARNER", to: "INSTRUCTOR" });
    // Setting the role it already has changes and records nothing.
    assert.equal(
      (await changeUserRole({ viewer: admin, input: { userId: someone.id, role: "INSTRUCTOR" } })).isChanged,
      false,
    );
    assert.equal(await db.auditLog.count({ where: { action: "user.role.change", targetId: someone.id } }), 1);
  });

  test("learners and instructors cannot change roles, their own included", async () => {
    for (const viewer of [learner, instructor]) {
      const error = await rejection(changeUserRole({ viewer, input: { userId: viewer.id, role: "ADMIN" } }));
      assert.ok(error instanceof ForbiddenError);
      assert.equal((await db.user.findUniqueOrThrow({ where: { id: viewer.id } })).role, viewer.role);
    }
  });

  test("names a wrong field", async () => {
    const error = await rejection(changeUserRole({ viewer: admin, input: { userId: learner.id, role: "OWNER" } }));
    assert.ok(error instanceof ValidationError);
    assert.match(error.fieldErrors.role?.[0] ?? "", /learner, instructor or admin/);
  });

  test("the last admin cannot step down; with a second admin they can", async () => {
    // The rule is about every admin on the platform, so for this test the other test files'
    // admins are made instructors for a moment and then restored.
    const others = await db.user.findMany({ where: { role: "ADMIN", id: { not: admin.id } }, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: others.map((other) => other.id) } }, data: { role: "INSTRUCTOR" } });
    try {
      const error = await rejection(changeUserRole({ viewer: admin, input: { userId: admin.id, role: "LEARNER" } }));
      assert.ok(error instanceof ValidationError);
      assert.match(error.fieldErrors.role?.[0] ?? "", /last admin/);
      assert.equal((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role, "ADMIN");

      const second = await makeUser("ADMIN");
      await changeUserRole({ viewer: admin, input: { userId: admin.id, role: "INSTRUCTOR" } });
      assert.equal((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role, "INSTRUCTOR");
      const secondError = await rejection(
        changeUserRole({ viewer: second, input: { userId: second.id, role: "LEARNER" } }),
      );
      assert.ok(secondError instanceof ValidationError, "now the second admin is the last one");
      await changeUserRole({ viewer: second, input: { userId: admin.id, role: "ADMIN" } });
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((other) => other.id) } }, data: { role: "ADMIN" } });
    }
  });
});

describe("setCourseInstructor", () => {
  test("an admin makes an instructor teach a course and takes it away, audited per course", async () => {
    const teacher = await makeUser("INSTRUCTOR");
    await setCourseInstructor({
      viewer: admin,
      input: { userId: teacher.id, courseSlug: course.courseSlug, isInstructor: "true" },
    });
    const enrolment = await db.enrolment.findUniqueOrThrow({
      where: { userId_courseId: { userId: teacher.id, courseId: course.courseId } },
    });
    assert.equal(enrolment.role, "INSTRUCTOR");
    await setCourseInstructor({
      viewer: admin,
      input: { userId: teacher.id, courseSlug: course.courseSlug, isInstructor: "false" },
    });
    assert.equal((await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).role, "LEARNER");
    const actions = await db.auditLog.findMany({
      where: { targetId: teacher.id, courseId: course.courseId },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    assert.deepEqual(
      actions.map((entry) => entry.action),
      ["course.instructor.add", "course.instructor.remove"],
    );
  });

  test("refuses learners as teachers, unknown courses, and anyone but admins", async () => {
    const error = await rejection(
      setCourseInstructor({
        viewer: admin,
        input: { userId: learner.id, courseSlug: "no-such-course", isInstructor: "true" },
      }),
    );
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(Object.keys(error.fieldErrors).sort(), ["courseSlug", "userId"]);
    for (const viewer of [learner, instructor]) {
      const refused = await rejection(
        setCourseInstructor({
          viewer,
          input: { userId: viewer.id, courseSlug: course.courseSlug, isInstructor: "true" },
        }),
      );
      assert.ok(refused instanceof ForbiddenError);
    }
    assert.equal(
      (
        await db.enrolment.findUniqueOrThrow({
          where: { userId_courseId: { userId: learner.id, courseId: course.courseId } },
        })
      ).role,
      "LEARNER",
    );
  });
});

describe("listAccounts", () => {
  test("lists accounts with the courses they teach, for admins only", async () => {
    const accounts = await listAccounts({ viewer: admin });
    assert.deepEqual(accounts.find((account) => account.id === instructor.id)?.teaches, [course.courseSlug]);
    for (const viewer of [learner, instructor])
      assert.ok((await rejection(listAccounts({ viewer }))) instanceof ForbiddenError);
  });
});

describe("getQueueStatus", () => {
  test("counts jobs by state, lists failed ones, and tells live workers from gone ones", async () => {
    const queue = getGradingQueue();
    // A real worker whose grading always fails, run until the one job it takes has failed.
    await queue.add("grade", { submissionId: "failedjob0000001" }, { jobId: "admin-test-failed" });
    const connection = createQueueConnection();
    const worker = new Worker(
      GRADING_QUEUE,
      async () => {
        throw new Error("sandbox unavailable");
      },
      queueOptions(connection),
    );
    await new Promise<void>((resolve) => worker.once("failed", () => resolve()));
    await worker.close();
    await connection.quit();
    await queue.add("grade", { submissionId: "waitingjob000001" }, { jobId: "admin-test-waiting" });
    await queue.add("grade", { submissionId: "regradejob000001" }, { jobId: "admin-test-regrade", priority: 10 });

    const now = new Date();
    const alive = `admin-test-alive-${process.pid}`;
    const gone = `admin-test-gone-${process.pid}`;
    const beat = (id: string, lastSeenAt: Date, backend = "wasm") =>
      db.workerHeartbeat.create({
        data: { id, hostname: "test-host", pid: 1, backend, concurrency: 1, startedAt: lastSeenAt, lastSeenAt },
      });
    await beat(alive, new Date(now.getTime() - 5_000));
    await beat(gone, new Date(now.getTime() - WORKER_ALIVE_MS - 1_000));
    try {
      const status = await getQueueStatus({ viewer: admin, now });
      assert.ok(status.queue.isReachable);
      assert.equal(status.queue.counts.waiting, 2, "plain and prioritised jobs both wait");
      assert.equal(status.queue.counts.failed, 1);
      assert.deepEqual(
        status.queue.failedJobs.map((job) => [job.id, job.submissionId, job.reason]),
        [["admin-test-failed", "failedjob0000001", "sandbox unavailable"]],
      );
      const workers = new Map(status.workers.map((worker) => [worker.id, worker.isAlive]));
      assert.equal(workers.get(alive), true);
      assert.equal(workers.get(gone), false);
    } finally {
      await db.workerHeartbeat.deleteMany({ where: { id: { in: [alive, gone] } } });
    }
    for (const viewer of [learner, instructor])
      assert.ok((await rejection(getQueueStatus({ viewer }))) instanceof ForbiddenError);
  });

  test("tells a certificate issuer that is not taking work from one that is merely busy", async () => {
    const certificates = getCertificateQueue();
    const now = new Date();
    await certificates.add("issue", { submissionId: "recentcertjob001" }, { jobId: "admin-test-cert-recent" });
    const fresh = await getQueueStatus({ viewer: admin, now });
    assert.ok(fresh.certificates.isReachable);
    assert.equal(fresh.certificates.waiting, 1);
    assert.equal(fresh.certificates.isStalled, false, "a job queued moments ago is just waiting its turn");

    const later = new Date(now.getTime() + ISSUER_STALLED_MS + 60_000);
    const stalled = await getQueueStatus({ viewer: admin, now: later });
    assert.ok(stalled.certificates.isReachable);
    assert.equal(stalled.certificates.isStalled, true, "nobody took it for longer than the issuer ever needs");
  });

  test("counts running jobs and each worker's share from one list, naming the learner and the lab", async () => {
    const queue = getGradingQueue();
    await queue.drain(true);
    const submission = await makeSubmission(course, { userId: learner.id, status: "RUNNING" });
    await queue.add("grade", { submissionId: submission.id }, { jobId: "admin-test-running" });
    const workerId = `admin-test-busy-${process.pid}`;
    const now = new Date();
    await db.workerHeartbeat.create({
      // The heartbeat says 0: the beat was written before the job was taken, as happens between beats.
      data: {
        id: workerId,
        hostname: "test-host",
        pid: 2,
        backend: "wasm",
        concurrency: 1,
        startedAt: now,
        lastSeenAt: now,
        activeJobs: 0,
      },
    });
    const connection = createQueueConnection();
    let release = () => {};
    const isHeld = new Promise<void>((resolve) => (release = resolve));
    let started = () => {};
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    const worker = new Worker(
      GRADING_QUEUE,
      async () => {
        started();
        await isHeld;
      },
      { ...queueOptions(connection), name: workerId },
    );
    try {
      await isStarted;
      const status = await getQueueStatus({ viewer: admin, now: new Date(), locale: "zh-CN" });
      assert.ok(status.queue.isReachable);
      assert.equal(status.queue.counts.running, 1);
      const row = status.workers.find((candidate) => candidate.id === workerId);
      assert.equal(row?.activeJobs, 1, "the worker's row agrees with the running count");
      assert.deepEqual(
        status.queue.runningJobs.map((job) => [job.id, job.kind, job.workerId, job.learnerName, job.labTitle]),
        [["admin-test-running", "grading", workerId, learner.name, "实验 1：用一个全连接神经元做线性回归"]],
      );
      assert.ok(status.queue.runningJobs[0]?.since instanceof Date);
    } finally {
      release();
      await worker.close();
      await connection.quit();
      await db.workerHeartbeat.delete({ where: { id: workerId } });
    }
  });
});
