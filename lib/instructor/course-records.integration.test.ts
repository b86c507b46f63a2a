// Extensions, the gradebook and its CSV, and the course audit log, on the run's own Postgres,
// with every authorisation case: a learner, an instructor of another course, the course's
// instructor and an admin.
import "./test-queue-prefix";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "../db";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { effectiveLimits } from "../submissions/attempt-policy";
import { getGradebook, gradebookToCsv } from "./gradebook";
import { grantExtension } from "./grant-extension";
import { listCourseAuditLog } from "./list-course-audit-log";
import { issueCertificate } from "../certificates/issue-certificate";
import { listCourseCertificates } from "./list-course-certificates";
import { listExtensions } from "./list-extensions";
import { revokeExtension } from "./revoke-extension";
import { closeTestQueue, makeCourse, makeSubmission, makeUser, rejection, type TestCourse } from "./test-fixtures";

let course: TestCourse;
let otherCourse: TestCourse;
let instructor: Awaited<ReturnType<typeof makeUser>>;
let otherInstructor: Awaited<ReturnType<typeof makeUser>>;
let admin: Awaited<ReturnType<typeof makeUser>>;
let learner: Awaited<ReturnType<typeof makeUser>>;

before(async () => {
  course = await makeCourse("instructor-records", { maxAttempts: 3 });
  otherCourse = await makeCourse("instructor-records-other");
  instructor = await makeUser("INSTRUCTOR", { courseId: course.courseId, as: "INSTRUCTOR" });
  otherInstructor = await makeUser("INSTRUCTOR", { courseId: otherCourse.courseId, as: "INSTRUCTOR" });
  admin = await makeUser("ADMIN");
  learner = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" }, "Lee Learner");
});

after(async () => {
  await closeTestQueue();
  await db.$disconnect();
});

const lab = () => ({ courseSlug: course.courseSlug, assignmentSlug: course.assignmentSlug });
const inAWeek = () => new Date(Date.now() + 7 * 24 * 60 * 60 * 1000);

describe("extensions", () => {
  test("an instructor grants a learner a deadline and attempts, which the attempt policy applies, and revokes it; both audited", async () => {
    const deadline = inAWeek();
    await grantExtension({
      viewer: instructor,
      ...lab(),
      input: {
        learnerId: learner.id,
        deadline: deadline.toISOString(),
        extraAttempts: "2",
        reason: "Illness, with a note",
      },
    });
    const extension = await db.assignmentExtension.findUniqueOrThrow({
      where: { assignmentId_userId: { assignmentId: course.assignmentId, userId: learner.id } },
    });
    assert.equal(extension.extraAttempts, 2);
    assert.equal(extension.deadline?.toISOString(), deadline.toISOString());
    assert.equal(extension.grantedById, instructor.id);
    assert.deepEqual(
      effectiveLimits({ version: { deadline: null, maxAttempts: 3 }, courseDeadline: null, extension }),
      { deadline: extension.deadline, maxAttempts: 5 },
    );

    // Granting again replaces it and the audit entry remembers what it replaced.
    await grantExtension({
      viewer: admin,
      ...lab(),
      input: { learnerId: learner.id, deadline: "", extraAttempts: "1", reason: "Second thoughts" },
    });
    const replaced = await db.assignmentExtension.findUniqueOrThrow({ where: { id: extension.id } });
    assert.deepEqual([replaced.extraAttempts, replaced.deadline], [1, null]);
    const grants = await db.auditLog.findMany({
      where: { action: "extension.grant", targetId: extension.id },
      orderBy: { id: "asc" },
    });
    assert.equal(grants.length, 2);
    assert.equal(grants[0]?.courseId, course.courseId);
    assert.equal((grants[1]?.details as { previous: { extraAttempts: number } }).previous.extraAttempts, 2);

    const listed = await listExtensions({ viewer: instructor, ...lab() });
    assert.equal(listed.extensions.length, 1);
    assert.equal(listed.limits.maxAttempts, 3);
    assert.ok(listed.learners.some((candidate) => candidate.id === learner.id));
    assert.ok(
      !listed.learners.some((candidate) => candidate.id === instructor.id),
      "instructors are not offered as learners",
    );

    await revokeExtension({ viewer: instructor, ...lab(), input: { learnerId: learner.id } });
    assert.equal(await db.assignmentExtension.count({ where: { id: extension.id } }), 0);
    assert.equal(await db.auditLog.count({ where: { action: "extension.revoke", targetId: extension.id } }), 1);
    assert.ok(
      (await rejection(revokeExtension({ viewer: instructor, ...lab(), input: { learnerId: learner.id } }))) instanceof
        NotFoundError,
    );
  });

  test("names each wrong field and writes nothing", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ learnerId: learner.id, reason: "No change at all" }, "deadline", /deadline, extra attempts, or both/],
      [{ learnerId: learner.id, deadline: "2020-01-01T10:00", reason: "In the past" }, "deadline", /future/],
      [{ learnerId: learner.id, deadline: "next week", reason: "Not a date" }, "deadline", /date and time/],
      [{ learnerId: learner.id, extraAttempts: "-1", reason: "Negative" }, "extraAttempts", /negative/],
      [{ learnerId: learner.id, extraAttempts: "1.5", reason: "Fraction" }, "extraAttempts", /whole number/],
      [{ learnerId: learner.id, extraAttempts: "1", reason: "" }, "reason", /Say why/],
      [{ learnerId: "not a user id", extraAttempts: "1", reason: "Bad id" }, "learnerId", /Choose a learner/],
      [
        { learnerId: otherInstructor.id, extraAttempts: "1", reason: "Not enrolled" },
        "learnerId",
        /enrolled in this course/,
      ],
      [
        { learnerId: instructor.id, extraAttempts: "1", reason: "An instructor" },
        "learnerId",
        /enrolled in this course/,
      ],
    ];
    for (const [input, field, message] of cases) {
      const error = await rejection(grantExtension({ viewer: instructor, ...lab(), input }));
      assert.ok(error instanceof ValidationError, `${JSON.stringify(input)} should be refused`);
      assert.match(error.fieldErrors[field]?.join(" ") ?? "", message, `${JSON.stringify(input)} should name ${field}`);
    }
    assert.equal(await db.assignmentExtension.count({ where: { assignmentId: course.assignmentId } }), 0);
  });

  test("only the course's instructors and admins see or change them", async () => {
    for (const viewer of [learner, otherInstructor]) {
      const input = { learnerId: learner.id, extraAttempts: "1", reason: "Sneaky" };
      assert.ok((await rejection(grantExtension({ viewer, ...lab(), input }))) instanceof ForbiddenError);
      assert.ok((await rejection(revokeExtension({ viewer, ...lab(), input }))) instanceof ForbiddenError);
      assert.ok((await rejection(listExtensions({ viewer, ...lab() }))) instanceof ForbiddenError);
    }
    assert.equal((await listExtensions({ viewer: admin, ...lab() })).extensions.length, 0);
  });
});

describe("gradebook", () => {
  test("shows each learner's best result and pass state per lab and quiz, and exports the same as CSV", async () => {
    const target = await makeCourse("instructor-gradebook");
    const teacher = await makeUser("INSTRUCTOR", { courseId: target.courseId, as: "INSTRUCTOR" });
    const ann = await makeUser("LEARNER", { courseId: target.courseId, as: "LEARNER" }, 'Ann, "the" Analyst');
    const zed = await makeUser("LEARNER", { courseId: target.courseId, as: "LEARNER" }, '=HYPERLINK("evil")');
    await makeSubmission(target, { userId: ann.id, status: "FAILED", score: 0.5 });
    await makeSubmission(target, { userId: ann.id, status: "PASSED", score: 0.3, attemptNumber: 2 });
    await makeSubmission(target, { userId: zed.id, status: "FAILED", score: 0.6 });
    const quiz = await db.quiz.create({
      data: { courseId: target.courseId, slug: "basics", title: { en: "Basics" }, passPercent: 60 },
    });
    const attempt = (userId: string, score: number, isPassed: boolean) =>
      db.quizAttempt.create({
        data: { quizId: quiz.id, userId, questionIds: [], score, maxScore: 4, isPassed, submittedAt: new Date() },
      });
    await attempt(ann.id, 2, false);
    await attempt(ann.id, 3, true);
    // An attempt still open does not count.
    await db.quizAttempt.create({ data: { quizId: quiz.id, userId: zed.id, questionIds: [] } });

    const book = await getGradebook({ viewer: teacher, courseSlug: target.courseSlug });
    assert.deepEqual(
      book.columns.map((column) => `${column.kind}:${column.slug}`),
      [`lab:${target.assignmentSlug}`, "quiz:basics"],
    );
    const rowOf = (id: string) => book.rows.find((row) => row.learner.id === id);
    // The lab is scored by mean squared error: lower is better.
    assert.deepEqual(rowOf(ann.id)?.cells, [
      { best: 0.3, isPassed: true, tries: 2 },
      { best: 75, isPassed: true, tries: 2 },
    ]);
    assert.deepEqual(rowOf(zed.id)?.cells, [
      { best: 0.6, isPassed: false, tries: 1 },
      { best: null, isPassed: false, tries: 0 },
    ]);
    assert.equal(rowOf(ann.id)?.certificate, "none");
    assert.equal(book.rows.length, 2, "instructors are not graded");

    const csv = gradebookToCsv(book);
    const lines = csv.trimEnd().split("\r\n");
    assert.equal(
      lines[0],
      `learner,email,lab:${target.assignmentSlug} best,lab:${target.assignmentSlug} passed,` +
        `quiz:basics best,quiz:basics passed,certificate`,
    );
    assert.ok(lines.includes(`"Ann, ""the"" Analyst",${ann.email},0.3,yes,75,yes,none`), csv);
    assert.ok(lines.includes(`"'=HYPERLINK(""evil"")",${zed.email},0.6,no,,,none`), csv);

    for (const viewer of [ann, otherInstructor]) {
      assert.ok((await rejection(getGradebook({ viewer, courseSlug: target.courseSlug }))) instanceof ForbiddenError);
    }
    assert.equal((await getGradebook({ viewer: admin, courseSlug: target.courseSlug })).rows.length, 2);
  });
});

describe("listCourseAuditLog", () => {
  test("shows the course's entries only, newest first, to its instructors and admins", async () => {
    const target = await makeCourse("instructor-audit");
    const teacher = await makeUser("INSTRUCTOR", { courseId: target.courseId, as: "INSTRUCTOR" });
    const someone = await makeUser("LEARNER", { courseId: target.courseId, as: "LEARNER" });
    await grantExtension({
      viewer: teacher,
      courseSlug: target.courseSlug,
      assignmentSlug: target.assignmentSlug,
      input: { learnerId: someone.id, extraAttempts: 1, reason: "First" },
    });
    await revokeExtension({
      viewer: teacher,
      courseSlug: target.courseSlug,
      assignmentSlug: target.assignmentSlug,
      input: { learnerId: someone.id },
    });

    const log = await listCourseAuditLog({ viewer: teacher, courseSlug: target.courseSlug, query: {} });
    assert.deepEqual(
      log.entries.map((entry) => entry.action),
      ["extension.revoke", "extension.grant"],
    );
    assert.equal(log.entries[0]?.actor?.email, teacher.email);
    assert.equal(log.total, 2);
    assert.equal(
      (await listCourseAuditLog({ viewer: teacher, courseSlug: target.courseSlug, query: { page: "2" } })).entries
        .length,
      0,
    );

    for (const viewer of [someone, otherInstructor]) {
      assert.ok(
        (await rejection(listCourseAuditLog({ viewer, courseSlug: target.courseSlug, query: {} }))) instanceof
          ForbiddenError,
      );
    }
    assert.equal((await listCourseAuditLog({ viewer: admin, courseSlug: target.courseSlug, query: {} })).total, 2);
    assert.equal(
      (await listCourseAuditLog({ viewer: admin, courseSlug: target.courseSlug, query: { page: "-1" } })).page,
      1,
    );
  });
});

describe("listCourseCertificates", () => {
  test("lists the course's certificates with their status, to its instructors and admins only", async () => {
    const target = await makeCourse("instructor-certificates");
    const teacher = await makeUser("INSTRUCTOR", { courseId: target.courseId, as: "INSTRUCTOR" });
    const graduate = await makeUser("LEARNER", { courseId: target.courseId, as: "LEARNER" }, "Gia Graduate");
    // Issued the real way (signed, with a free status-list index), so nothing fake reaches the
    // JWKS or the status lists that other tests of this run read.
    const passRule = {
      requiredLabs: [],
      minLessonQuizPercent: 0,
      minExamPercent: 0,
      passMarkPercent: 70,
      weights: { labs: 1, quizzes: 0, exam: 0 },
    };
    await db.course.update({ where: { id: target.courseId }, data: { passRule } });
    const issued = await issueCertificate({
      userId: graduate.id,
      courseId: target.courseId,
      score: 91,
      passMark: 70,
      evidence: [],
    });
    assert.ok(issued.isIssued);
    await db.certificate.update({
      where: { publicId: issued.publicId },
      data: { revokedAt: new Date(), revocationReason: "test" },
    });

    const listed = await listCourseCertificates({ viewer: teacher, courseSlug: target.courseSlug });
    assert.deepEqual(
      listed.map((certificate) => [certificate.holderName, certificate.status]),
      [["Gia Graduate", "revoked"]],
    );
    assert.equal((await listCourseCertificates({ viewer: admin, courseSlug: target.courseSlug })).length, 1);
    for (const viewer of [graduate, otherInstructor]) {
      assert.ok(
        (await rejection(listCourseCertificates({ viewer, courseSlug: target.courseSlug }))) instanceof ForbiddenError,
      );
    }
  });
});
