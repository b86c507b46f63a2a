// The instructor's submission list, submission detail and regrades, on the run's own Postgres and
// Redis, with every authorisation case: a learner, an instructor of another course, the course's
// instructor and an admin.
import "./test-queue-prefix";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "../db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { getGradingQueue, REGRADE_PRIORITY } from "../queue/grading-queue";
import { chargedAttemptsWhere } from "../submissions/attempt-policy";
import { getRegradeProgress } from "./get-regrade-progress";
import { getSubmissionDetail } from "./get-submission-detail";
import { listSubmissions, SUBMISSIONS_PAGE_SIZE } from "./list-submissions";
import { regradeAssignment } from "./regrade-assignment";
import { regradeSubmission } from "./regrade-submission";
import { listCourseAuditLog } from "./list-course-audit-log";
import { recordRegradeOutcome } from "./record-regrade-outcome";
import { closeTestQueue, makeCourse, makeSubmission, makeUser, rejection, type TestCourse } from "./test-fixtures";

let course: TestCourse;
let otherCourse: TestCourse;
let instructor: Awaited<ReturnType<typeof makeUser>>;
let otherInstructor: Awaited<ReturnType<typeof makeUser>>;
let admin: Awaited<ReturnType<typeof makeUser>>;
let learner: Awaited<ReturnType<typeof makeUser>>;

before(async () => {
  course = await makeCourse("instructor-subs");
  otherCourse = await makeCourse("instructor-other");
  instructor = await makeUser("INSTRUCTOR", { courseId: course.courseId, as: "INSTRUCTOR" });
  otherInstructor = await makeUser("INSTRUCTOR", { courseId: otherCourse.courseId, as: "INSTRUCTOR" });
  admin = await makeUser("ADMIN");
  learner = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" }, "Quinn Quokka");
});

after(async () => {
  await closeTestQueue();
  await db.$disconnect();
});

const labOf = (target: TestCourse) => ({ courseSlug: target.courseSlug, assignmentSlug: target.assignmentSlug });

describe("listSubmissions", () => {
  test("is open to the course's instructors and admins only", async () => {
    await makeSubmission(course, { userId: learner.id });
    for (const viewer of [learner, otherInstructor]) {
      assert.ok(
        (await rejection(listSubmissions({ viewer, ...labOf(course), filters: {} }))) instanceof ForbiddenError,
      );
    }
    // An instructor enrolled in the course only as a learner does not teach it.
    const enrolledAsLearner = await makeUser("INSTRUCTOR", { courseId: course.courseId, as: "LEARNER" });
    assert.ok(
      (await rejection(listSubmissions({ viewer: enrolledAsLearner, ...labOf(course), filters: {} }))) instanceof
        ForbiddenError,
    );
    for (const viewer of [instructor, admin]) {
      const list = await listSubmissions({ viewer, ...labOf(course), filters: {} });
      assert.ok(list.total >= 1);
    }
    assert.ok(
      (await rejection(
        listSubmissions({ viewer: admin, courseSlug: "no-such-course", assignmentSlug: "lab", filters: {} }),
      )) instanceof NotFoundError,
    );
    assert.ok(
      (await rejection(
        listSubmissions({ viewer: admin, courseSlug: course.courseSlug, assignmentSlug: "no-such-lab", filters: {} }),
      )) instanceof NotFoundError,
    );
  });

  test("filters by learner, status, score and day, and pages", async () => {
    const target = await makeCourse("instructor-filters");
    const teacher = await makeUser("INSTRUCTOR", { courseId: target.courseId, as: "INSTRUCTOR" });
    const ada = await makeUser("LEARNER", { courseId: target.courseId, as: "LEARNER" }, "Ada Filterable");
    const bo = await makeUser("LEARNER", { courseId: target.courseId, as: "LEARNER" }, "Bo Other");
    for (let index = 0; index < SUBMISSIONS_PAGE_SIZE + 2; index++) {
      await makeSubmission(target, {
        userId: ada.id,
        status: "PASSED",
        score: 0.1 + index / 1000,
        attemptNumber: index + 1,
        createdAt: new Date("2026-03-10T12:00:00Z"),
      });
    }
    await makeSubmission(target, {
      userId: bo.id,
      status: "FAILED",
      score: 0.9,
      createdAt: new Date("2026-03-12T08:00:00Z"),
    });
    await makeSubmission(target, { userId: bo.id, status: "QUEUED", createdAt: new Date("2026-03-13T08:00:00Z") });
    const list = (filters: Record<string, unknown>) => listSubmissions({ viewer: teacher, ...labOf(target), filters });

    const firstPage = await list({});
    assert.equal(firstPage.total, SUBMISSIONS_PAGE_SIZE + 4);
    assert.equal(firstPage.pageCount, 2);
    assert.equal(firstPage.submissions.length, SUBMISSIONS_PAGE_SIZE);
    assert.equal(firstPage.submissions[0]?.status, "QUEUED", "newest first");
    assert.equal((await list({ page: "2" })).submissions.length, 4);

    assert.equal((await list({ learner: "filterABLE" })).total, SUBMISSIONS_PAGE_SIZE + 2);
    assert.equal((await list({ learner: bo.email })).total, 2);
    assert.equal((await list({ status: "FAILED" })).total, 1);
    assert.equal((await list({ minScore: "0.5", maxScore: "" })).total, 1);
    assert.equal((await list({ minScore: "0.1", maxScore: "0.104" })).total, 5);
    assert.equal((await list({ from: "2026-03-12", to: "2026-03-12" })).total, 1);
    assert.equal((await list({ from: "2026-03-11" })).total, 2);
    assert.equal((await list({ to: "2026-03-10", status: "PASSED", learner: "ada" })).total, SUBMISSIONS_PAGE_SIZE + 2);
  });

  test("names each wrong filter", async () => {
    const error = await rejection(
      listSubmissions({
        viewer: instructor,
        ...labOf(course),
        filters: { status: "DONE", minScore: "high", to: "March", page: "0" },
      }),
    );
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(Object.keys(error.fieldErrors).sort(), ["minScore", "page", "status", "to"]);
    const backwards = await rejection(
      listSubmissions({ viewer: instructor, ...labOf(course), filters: { from: "2026-03-12", to: "2026-03-01" } }),
    );
    assert.ok(backwards instanceof ValidationError);
    assert.match(backwards.fieldErrors.to?.[0] ?? "", /not be before/);
    const inverted = await rejection(
      listSubmissions({ viewer: instructor, ...labOf(course), filters: { minScore: "0.9", maxScore: "0.1" } }),
    );
    assert.ok(inverted instanceof ValidationError);
    assert.match(inverted.fieldErrors.maxScore?.[0] ?? "", /not be below/);
  });
});

describe("getSubmissionDetail", () => {
  test("shows code, logs and receipt to the course's instructors, and nothing across courses", async () => {
    const submission = await makeSubmission(course, { userId: learner.id });
    const detail = await getSubmissionDetail({
      viewer: instructor,
      courseSlug: course.courseSlug,
      submissionId: submission.id,
    });
    assert.equal(detail.submission.code, submission.code);
    assert.equal(detail.submission.receipt.codeSha256, submission.codeSha256);
    assert.ok(
      (await rejection(
        getSubmissionDetail({ viewer: otherInstructor, courseSlug: course.courseSlug, submissionId: submission.id }),
      )) instanceof ForbiddenError,
    );
    assert.ok(
      (await rejection(
        getSubmissionDetail({ viewer: learner, courseSlug: course.courseSlug, submissionId: submission.id }),
      )) instanceof ForbiddenError,
    );
    // The right submission under the wrong course's URL.
    assert.ok(
      (await rejection(
        getSubmissionDetail({ viewer: admin, courseSlug: otherCourse.courseSlug, submissionId: submission.id }),
      )) instanceof NotFoundError,
    );
  });
});

describe("regradeSubmission", () => {
  test("re-queues the same row behind learners' work, charges no attempt and keeps the old result in the audit log", async () => {
    const submission = await makeSubmission(course, {
      userId: learner.id,
      status: "FAILED",
      score: 0.8,
      attemptNumber: 2,
    });
    const chargedBefore = await db.submission.count({ where: chargedAttemptsWhere(learner.id, course.assignmentId) });

    await regradeSubmission({
      viewer: instructor,
      courseSlug: course.courseSlug,
      submissionId: submission.id,
      input: { reason: "Grader bug #12 fixed" },
    });

    const row = await db.submission.findUniqueOrThrow({ where: { id: submission.id } });
    assert.equal(row.status, "QUEUED");
    assert.equal(row.isRegrade, true);
    assert.equal(row.attemptNumber, 2);
    assert.equal(row.score, null);
    assert.equal(row.failureKind, null);
    assert.equal(row.seed, 1234, "the seed is kept so the regrade reproduces the first run");
    assert.equal(row.code, submission.code);
    assert.equal(
      await db.submission.count({ where: chargedAttemptsWhere(learner.id, course.assignmentId) }),
      chargedBefore,
    );

    const outbox = await db.outboxJob.findFirstOrThrow({
      where: { payload: { path: ["submissionId"], equals: submission.id } },
    });
    assert.equal(outbox.priority, REGRADE_PRIORITY);
    assert.equal(outbox.state, "ENQUEUED");
    const job = await getGradingQueue().getJob(outbox.id);
    assert.equal(job?.opts.priority, REGRADE_PRIORITY);
    assert.deepEqual(job?.data, { submissionId: submission.id });

    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "submission.regrade", targetId: submission.id },
    });
    assert.equal(audit.actorId, instructor.id);
    assert.equal(audit.courseId, course.courseId);
    const details = audit.details as { reason: string; previous: { status: string; score: number } };
    assert.equal(details.reason, "Grader bug #12 fixed");
    assert.deepEqual([details.previous.status, details.previous.score], ["FAILED", 0.8]);

    const again = await rejection(
      regradeSubmission({
        viewer: instructor,
        courseSlug: course.courseSlug,
        submissionId: submission.id,
        input: { reason: "twice" },
      }),
    );
    assert.ok(again instanceof ConflictError, "a submission still waiting is not queued twice");
  });

  test("needs a reason, a teacher of the course, and a submission of that course", async () => {
    const submission = await makeSubmission(course, { userId: learner.id });
    const noReason = await rejection(
      regradeSubmission({
        viewer: instructor,
        courseSlug: course.courseSlug,
        submissionId: submission.id,
        input: { reason: " " },
      }),
    );
    assert.ok(noReason instanceof ValidationError);
    assert.ok(noReason.fieldErrors.reason);
    for (const viewer of [learner, otherInstructor]) {
      const error = await rejection(
        regradeSubmission({
          viewer,
          courseSlug: course.courseSlug,
          submissionId: submission.id,
          input: { reason: "because" },
        }),
      );
      assert.ok(error instanceof ForbiddenError);
    }
    const crossCourse = await rejection(
      regradeSubmission({
        viewer: otherInstructor,
        courseSlug: otherCourse.courseSlug,
        submissionId: submission.id,
        input: { reason: "because" },
      }),
    );
    assert.ok(crossCourse instanceof NotFoundError);
    assert.equal(
      (await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).status,
      "PASSED",
      "nothing changed",
    );
    await regradeSubmission({
      viewer: admin,
      courseSlug: course.courseSlug,
      submissionId: submission.id,
      input: { reason: "admin check" },
    });
    assert.equal((await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).status, "QUEUED");
  });
});

describe("regradeAssignment", () => {
  test("re-queues every finished submission as one batch and reports its progress", async () => {
    const target = await makeCourse("instructor-regrade-all");
    const teacher = await makeUser("INSTRUCTOR", { courseId: target.courseId, as: "INSTRUCTOR" });
    const someone = await makeUser("LEARNER", { courseId: target.courseId, as: "LEARNER" });
    const finished = [
      await makeSubmission(target, { userId: someone.id, status: "PASSED", score: 0.1 }),
      await makeSubmission(target, { userId: someone.id, status: "FAILED", score: 0.9, attemptNumber: 2 }),
      await makeSubmission(target, { userId: someone.id, status: "ERROR", score: null, attemptNumber: 3 }),
    ];
    const live = await makeSubmission(target, { userId: someone.id, status: "RUNNING", attemptNumber: 4 });
    const lab = labOf(target);

    assert.equal(await getRegradeProgress({ viewer: teacher, ...lab }), null);
    for (const viewer of [someone, otherInstructor]) {
      assert.ok(
        (await rejection(regradeAssignment({ viewer, ...lab, input: { reason: "new grader" } }))) instanceof
          ForbiddenError,
      );
      assert.ok((await rejection(getRegradeProgress({ viewer, ...lab }))) instanceof ForbiddenError);
    }

    const batch = await regradeAssignment({ viewer: teacher, ...lab, input: { reason: "new grader" } });
    assert.equal(batch.total, 3);
    const rows = await db.submission.findMany({ where: { assignmentId: target.assignmentId } });
    for (const row of rows) assert.equal(row.status, row.id === live.id ? "RUNNING" : "QUEUED");
    const outbox = await db.outboxJob.findMany({
      where: { OR: finished.map((submission) => ({ payload: { path: ["submissionId"], equals: submission.id } })) },
    });
    assert.equal(outbox.length, 3);
    for (const row of outbox) {
      assert.equal(row.priority, REGRADE_PRIORITY);
      assert.equal((await getGradingQueue().getJob(row.id))?.opts.priority, REGRADE_PRIORITY);
    }

    const started = await getRegradeProgress({ viewer: teacher, ...lab });
    assert.deepEqual([started?.done, started?.total, started?.isFinished], [0, 3, false]);

    // A worker finishing two of them.
    await db.submission.update({ where: { id: finished[0]!.id }, data: { status: "PASSED", score: 0.12 } });
    await db.submission.update({ where: { id: finished[1]!.id }, data: { status: "FAILED", score: 0.7 } });
    const halfway = await getRegradeProgress({ viewer: admin, ...lab });
    assert.deepEqual(
      [halfway?.done, halfway?.passed, halfway?.failed, halfway?.waiting, halfway?.isFinished],
      [2, 1, 1, 1, false],
    );
    await db.submission.update({ where: { id: finished[2]!.id }, data: { status: "PASSED", score: 0.2 } });
    assert.equal((await getRegradeProgress({ viewer: teacher, ...lab }))?.isFinished, true);

    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "assignment.regrade", targetId: target.assignmentId },
    });
    assert.equal(audit.courseId, target.courseId);
    assert.equal((audit.details as { total: number }).total, 3);
  });

  test("refuses when nothing is finished", async () => {
    const target = await makeCourse("instructor-regrade-empty");
    const teacher = await makeUser("INSTRUCTOR", { courseId: target.courseId, as: "INSTRUCTOR" });
    const error = await rejection(
      regradeAssignment({ viewer: teacher, ...labOf(target), input: { reason: "new grader" } }),
    );
    assert.ok(error instanceof ConflictError);
  });
});

describe("regrade outcomes in the audit log", () => {
  /** What the grader does when it saves a regrade's new result. */
  const finishGrading = (submissionId: string, status: "PASSED" | "FAILED", score: number) =>
    db.$transaction(async (tx) => {
      await tx.submission.update({ where: { id: submissionId }, data: { status, score } });
      await recordRegradeOutcome(tx, submissionId);
    });

  test("a regrade's entry shows the old score and, once graded, the new one", async () => {
    const target = await makeCourse("instructor-regrade-audit");
    const teacher = await makeUser("INSTRUCTOR", { courseId: target.courseId, as: "INSTRUCTOR" });
    const someone = await makeUser("LEARNER", { courseId: target.courseId, as: "LEARNER" });
    const single = await makeSubmission(target, { userId: someone.id, status: "FAILED", score: 0.8 });
    const batched = await makeSubmission(target, {
      userId: someone.id,
      status: "PASSED",
      score: 0.3,
      attemptNumber: 2,
    });

    await regradeSubmission({
      viewer: teacher,
      courseSlug: target.courseSlug,
      submissionId: single.id,
      input: { reason: "grader fix" },
    });
    const waiting = await listCourseAuditLog({ viewer: teacher, courseSlug: target.courseSlug, query: {} });
    assert.deepEqual(waiting.entries[0]?.regrade, {
      before: { status: "FAILED", score: 0.8 },
      after: null,
      metricName: "mse",
    });

    await finishGrading(single.id, "PASSED", 0.25);
    await db.submission.update({ where: { id: single.id }, data: { status: "PASSED" } });
    await regradeAssignment({ viewer: teacher, ...labOf(target), input: { reason: "new grader" } });
    await finishGrading(batched.id, "FAILED", 0.5);
    const neverRegraded = await makeSubmission(target, { userId: someone.id, status: "PASSED", attemptNumber: 3 });
    await db.$transaction((tx) => recordRegradeOutcome(tx, neverRegraded.id));

    const log = await listCourseAuditLog({
      viewer: teacher,
      courseSlug: target.courseSlug,
      query: {},
      locale: "zh-CN",
    });
    const request = log.entries.find((entry) => entry.action === "submission.regrade");
    assert.deepEqual(request?.regrade?.before, { status: "FAILED", score: 0.8 });
    assert.deepEqual(request?.regrade?.after, { status: "PASSED", score: 0.25 });
    const outcomes = log.entries.filter((entry) => entry.action === "submission.regrade.result");
    assert.deepEqual(
      outcomes.map((entry) => [entry.targetId, entry.actor, entry.regrade?.before, entry.regrade?.after]),
      [
        [batched.id, null, { status: "PASSED", score: 0.3 }, { status: "FAILED", score: 0.5 }],
        [single.id, null, { status: "FAILED", score: 0.8 }, { status: "PASSED", score: 0.25 }],
      ],
      "one outcome per regraded submission, newest first, by the platform; none for a submission never regraded",
    );
    assert.equal(log.entries.find((entry) => entry.action === "assignment.regrade")?.regrade, null);
  });
});
