// The review desk on the run's own Postgres and Redis: grading with a rubric and line comments,
// release, the combined score in the gradebook and the pass rule, the certificate only after
// release, the regrade request lifecycle, notifications, and every authorisation refusal.
import "../instructor/test-queue-prefix";
import "../certificates/test-signing-key";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parse as parseYaml, stringify } from "yaml";
import { createCourse } from "../authoring/create-course";
import { getAssignmentForm } from "../authoring/get-authoring-course";
import { saveAssignment } from "../authoring/save-assignment";
import { RubricSpecSchema } from "../assignments/rubric";
import { specSha256 } from "../assignments/spec-hash";
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import { issueCertificateIfEligible } from "../certificates/issue-certificate";
import { loadCourseResults } from "../certificates/load-course-results";
import { db } from "../db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { getGradebook, gradebookToCsv } from "../instructor/gradebook";
import {
  closeTestQueue,
  makeCourse,
  makeSubmission,
  makeUser,
  rejection,
  type TestCourse,
} from "../instructor/test-fixtures";
import { closeCertificateQueue } from "../queue/certificate-queue";
import { CERTIFICATE_QUEUE } from "../queue/certificate-queue";
import { closeLtiScoreQueue } from "../queue/lti-score-queue";
import { answerRegradeRequest } from "./answer-regrade-request";
import { countUnreadNotifications } from "./count-unread-notifications";
import { deleteReviewComment } from "./delete-review-comment";
import { getGradingView } from "./get-grading-view";
import { getReleasedReview } from "./get-released-review";
import { listGradingQueue } from "./list-grading-queue";
import { listRegradeRequests } from "./list-regrade-requests";
import { openNotifications } from "./open-notifications";
import { releaseLabReviews } from "./release-lab-reviews";
import { releaseReview } from "./release-review";
import { requestRegrade } from "./request-regrade";
import { saveReviewComment } from "./save-review-comment";
import { saveRubricGrade } from "./save-rubric-grade";

const text = (en: string) => ({ en, "zh-CN": `${en}（中文）` });
const RUBRIC = RubricSpecSchema.parse({
  criteria: [
    { key: "readability", title: text("Readability"), description: text("Clear names"), points: 6 },
    { key: "design", title: text("Design"), description: text("Sensible model"), points: 4 },
  ],
  combine: { autograderWeight: 0.5, rubricWeight: 0.5, passPercent: 80 },
});

let course: TestCourse;
let otherCourse: TestCourse;
let instructor: Awaited<ReturnType<typeof makeUser>>;
let otherInstructor: Awaited<ReturnType<typeof makeUser>>;
let learner: Awaited<ReturnType<typeof makeUser>>;
let otherLearner: Awaited<ReturnType<typeof makeUser>>;

/** Gives the test course's lab a rubric (a new version) and a pass rule that needs only that lab. */
async function addRubric(target: TestCourse) {
  const version = await db.assignmentVersion.findUniqueOrThrow({ where: { id: target.versionId } });
  const spec = AssignmentSpecSchema.parse({ ...AssignmentSpecSchema.parse(version.spec), rubric: RUBRIC });
  await db.assignmentVersion.create({
    data: {
      assignmentId: target.assignmentId,
      version: 2,
      spec,
      specSha256: specSha256(spec),
      brief: { en: "" },
      starterCode: "",
    },
  });
  await db.course.update({
    where: { id: target.courseId },
    data: {
      passRule: {
        requiredLabs: [target.assignmentSlug],
        minLessonQuizPercent: 0,
        minExamPercent: 0,
        passMarkPercent: 50,
        weights: { labs: 1, quizzes: 0, exam: 0 },
      },
    },
  });
}

const fullMarks = { scores: { readability: { points: 6, comment: "Tidy work" }, design: { points: 4 } } };
const lowMarks = { scores: { readability: { points: 2, comment: "Rename x" }, design: { points: 1 } } };

before(async () => {
  course = await makeCourse("review-desk");
  otherCourse = await makeCourse("review-other");
  await addRubric(course);
  instructor = await makeUser("INSTRUCTOR", { courseId: course.courseId, as: "INSTRUCTOR" }, "Ines Instructor");
  otherInstructor = await makeUser("INSTRUCTOR", { courseId: otherCourse.courseId, as: "INSTRUCTOR" });
  learner = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" }, "Lena Learner");
  otherLearner = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" }, "Otto Other");
});

after(async () => {
  await closeTestQueue();
  await closeCertificateQueue();
  await closeLtiScoreQueue();
  await db.$disconnect();
});

describe("grading with a rubric", () => {
  test("a draft grade and comments stay hidden from the learner, the pass rule and the certificate until release", async () => {
    const submission = await makeSubmission(course, { userId: learner.id, status: "PASSED" });
    const other = await makeSubmission(course, { userId: otherLearner.id, status: "PASSED" });
    const base = { viewer: instructor, courseSlug: course.courseSlug, submissionId: submission.id };

    const queue = await listGradingQueue({
      viewer: instructor,
      courseSlug: course.courseSlug,
      labSlug: course.assignmentSlug,
    });
    assert.deepEqual(
      queue.entries.map((entry) => [entry.learner.name, entry.reviewState]),
      [
        ["Lena Learner", "TO_GRADE"],
        ["Otto Other", "TO_GRADE"],
      ],
    );

    const invalid = await rejection(
      saveRubricGrade({ ...base, input: { scores: { readability: { points: 7 }, design: { points: "x" } } } }),
    );
    assert.ok(invalid instanceof ValidationError);
    assert.deepEqual(Object.keys(invalid.fieldErrors).sort(), ["scores.design.points"]);
    const tooMany = await rejection(
      saveRubricGrade({ ...base, input: { scores: { readability: { points: 7 }, design: { points: 1 } } } }),
    );
    assert.ok(tooMany instanceof ValidationError);
    assert.deepEqual(tooMany.fieldErrors, { "scores.readability.points": ["at most 6 points"] });

    await saveRubricGrade({ ...base, input: fullMarks });
    const { commentId } = await saveReviewComment({ ...base, input: { line: 2, body: "Name this model" } });
    await saveReviewComment({ ...base, input: { commentId, line: 1, body: "Name this model, please" } });
    const extra = await saveReviewComment({ ...base, input: { line: 1, body: "to delete" } });
    await deleteReviewComment({ ...base, input: { commentId: extra.commentId } });

    const view = await getGradingView(base);
    assert.equal(view.grade?.combined?.combinedPercent, 100);
    assert.equal(view.grade?.releasedAt, null);
    assert.deepEqual(
      view.comments.map((comment) => [comment.line, comment.body]),
      [[1, "Name this model, please"]],
    );
    assert.equal(view.nextId, other.id);
    assert.equal(view.previousId, null);

    const hidden = await getReleasedReview({ viewer: learner, submissionId: submission.id });
    assert.equal(hidden.released, null);
    assert.equal(JSON.stringify(hidden).includes("Name this model"), false);
    assert.equal(JSON.stringify(hidden).includes("Tidy work"), false);
    const results = await loadCourseResults(learner.id, course.courseId);
    assert.equal(results.labs[0]?.passed, null);
    assert.equal(results.labs[0]?.isAwaitingReview, true);
    const before = await issueCertificateIfEligible(learner.id, course.courseId);
    assert.equal(before.isIssued, false);
    assert.ok(!before.isIssued && before.reasons.includes(`lab ${course.assignmentSlug} is awaiting review`));
    const draftBook = await getGradebook({ viewer: instructor, courseSlug: course.courseSlug });
    const draftCell = draftBook.rows.find((row) => row.learner.id === learner.id)?.cells[0];
    assert.equal(draftCell?.isPassed, false);
    assert.equal(draftCell?.isAwaitingReview, true);

    const outboxBefore = await db.outboxJob.count({ where: { queue: CERTIFICATE_QUEUE } });
    await releaseReview(base);
    assert.equal(await db.outboxJob.count({ where: { queue: CERTIFICATE_QUEUE } }), outboxBefore + 1);
    const released = await getReleasedReview({ viewer: learner, submissionId: submission.id });
    assert.equal(released.released?.combined.combinedPercent, 100);
    assert.deepEqual(
      released.released?.comments.map((comment) => comment.body),
      ["Name this model, please"],
    );
    const book = await getGradebook({ viewer: instructor, courseSlug: course.courseSlug });
    const cell = book.rows.find((row) => row.learner.id === learner.id)?.cells[0];
    assert.equal(cell?.isPassed, true);
    assert.equal(cell?.combined, 100);
    assert.match(
      gradebookToCsv(book).split("\r\n")[0] ?? "",
      /best,lab:linear-regression combined,lab:linear-regression passed/,
    );
    const issued = await issueCertificateIfEligible(learner.id, course.courseId);
    assert.equal(issued.isIssued, true);

    const notices = await openNotifications({ viewer: learner });
    assert.deepEqual(
      notices.map((notice) => [notice.kind, notice.isUnread]),
      [["review.released", true]],
    );
    assert.equal(await countUnreadNotifications({ viewer: learner }), 0);
    assert.equal(await releaseReview(base).catch((error: unknown) => error instanceof ConflictError), true);
  });

  test("a low rubric grade fails the combined rule; release all releases the lab's drafts", async () => {
    const submission = await makeSubmission(course, { userId: otherLearner.id, status: "PASSED", attemptNumber: 2 });
    await saveRubricGrade({
      viewer: instructor,
      courseSlug: course.courseSlug,
      submissionId: submission.id,
      input: lowMarks,
    });
    const refused = await rejection(
      releaseLabReviews({
        viewer: instructor,
        courseSlug: course.courseSlug,
        labSlug: course.assignmentSlug,
        input: {},
      }),
    );
    assert.ok(refused instanceof ValidationError);
    const { released } = await releaseLabReviews({
      viewer: instructor,
      courseSlug: course.courseSlug,
      labSlug: course.assignmentSlug,
      input: { isConfirmed: true },
    });
    assert.equal(released, 1);
    const results = await loadCourseResults(otherLearner.id, course.courseId);
    assert.equal(results.labs[0]?.passed, null);
    // 0.5·100 + 0.5·30 = 65 < 80
    const review = await getReleasedReview({ viewer: otherLearner, submissionId: submission.id });
    assert.equal(review.released?.combined.combinedPercent, 65);
    assert.equal(review.released?.combined.isPassed, false);
  });

  test("only the course's instructors grade, comment and release; a learner reads only their own review", async () => {
    const submission = await makeSubmission(course, { userId: learner.id, status: "FAILED", attemptNumber: 3 });
    const input = fullMarks;
    for (const viewer of [learner, otherInstructor]) {
      const base = { viewer, courseSlug: course.courseSlug, submissionId: submission.id };
      assert.ok((await rejection(saveRubricGrade({ ...base, input }))) instanceof ForbiddenError);
      assert.ok(
        (await rejection(saveReviewComment({ ...base, input: { line: 1, body: "x" } }))) instanceof ForbiddenError,
      );
      assert.ok((await rejection(releaseReview(base))) instanceof ForbiddenError);
      assert.ok((await rejection(getGradingView(base))) instanceof ForbiddenError);
      assert.ok(
        (await rejection(listRegradeRequests({ viewer, courseSlug: course.courseSlug }))) instanceof ForbiddenError,
      );
    }
    // Through a course the other instructor teaches, the submission does not exist.
    const through = await rejection(
      saveRubricGrade({
        viewer: otherInstructor,
        courseSlug: otherCourse.courseSlug,
        submissionId: submission.id,
        input,
      }),
    );
    assert.ok(through instanceof NotFoundError);
    assert.ok(
      (await rejection(getReleasedReview({ viewer: otherLearner, submissionId: submission.id }))) instanceof
        NotFoundError,
    );
    assert.ok(
      (await rejection(
        requestRegrade({ viewer: otherLearner, input: { submissionId: submission.id, reason: "Not mine but let me" } }),
      )) instanceof NotFoundError,
    );
    const junk = await rejection(
      saveRubricGrade({ viewer: instructor, courseSlug: course.courseSlug, submissionId: { id: 1 }, input }),
    );
    assert.ok(junk instanceof NotFoundError);
    const queued = await makeSubmission(course, { userId: learner.id, status: "QUEUED", attemptNumber: 4 });
    const early = await rejection(
      saveRubricGrade({ viewer: instructor, courseSlug: course.courseSlug, submissionId: queued.id, input }),
    );
    assert.ok(early instanceof ConflictError);
  });
});

describe("regrade requests", () => {
  test("a learner asks about a criterion; the instructor changes its score, and the learner sees it and is told", async () => {
    const submission = await makeSubmission(course, { userId: otherLearner.id, status: "PASSED", attemptNumber: 5 });
    const grader = { viewer: instructor, courseSlug: course.courseSlug, submissionId: submission.id };
    await saveRubricGrade({ ...grader, input: lowMarks });

    const unreleased = await rejection(
      requestRegrade({
        viewer: otherLearner,
        input: { submissionId: submission.id, criterionKey: "design", reason: "My design follows the brief." },
      }),
    );
    assert.ok(unreleased instanceof ValidationError);
    await releaseReview(grader);

    const short = await rejection(
      requestRegrade({
        viewer: otherLearner,
        input: { submissionId: submission.id, criterionKey: "design", reason: "no" },
      }),
    );
    assert.ok(short instanceof ValidationError);
    const long = await rejection(
      requestRegrade({
        viewer: otherLearner,
        input: { submissionId: submission.id, criterionKey: "design", reason: "x".repeat(1001) },
      }),
    );
    assert.ok(long instanceof ValidationError);
    const { requestId } = await requestRegrade({
      viewer: otherLearner,
      input: { submissionId: submission.id, criterionKey: "design", reason: "My design follows the brief." },
    });
    const twice = await rejection(
      requestRegrade({
        viewer: otherLearner,
        input: { submissionId: submission.id, criterionKey: "design", reason: "Again, my design follows the brief." },
      }),
    );
    assert.ok(twice instanceof ConflictError);
    // Another criterion, or the whole attempt, may have a request of its own.
    await requestRegrade({
      viewer: otherLearner,
      input: { submissionId: submission.id, reason: "The autograder was wrong about this." },
    });

    const teacherNotices = await openNotifications({ viewer: instructor });
    assert.ok(
      teacherNotices.some((notice) => notice.kind === "regrade.requested" && notice.params.learner === "Otto Other"),
    );
    const listed = await listRegradeRequests({ viewer: instructor, courseSlug: course.courseSlug });
    assert.deepEqual(
      listed.open.map((request) => request.criterionKey),
      ["design", ""],
    );

    for (const viewer of [otherLearner, otherInstructor])
      assert.ok(
        (await rejection(
          answerRegradeRequest({
            viewer,
            courseSlug: course.courseSlug,
            requestId,
            input: { decision: "decline", answer: "No" },
          }),
        )) instanceof ForbiddenError,
      );
    const tooMany = await rejection(
      answerRegradeRequest({
        viewer: instructor,
        courseSlug: course.courseSlug,
        requestId,
        input: { decision: "score", points: 5 },
      }),
    );
    assert.ok(tooMany instanceof ValidationError);
    await answerRegradeRequest({
      viewer: instructor,
      courseSlug: course.courseSlug,
      requestId,
      input: { decision: "score", points: 4, answer: "Agreed: the design is sound." },
    });
    const again = await rejection(
      answerRegradeRequest({
        viewer: instructor,
        courseSlug: course.courseSlug,
        requestId,
        input: { decision: "decline", answer: "No" },
      }),
    );
    assert.ok(again instanceof ConflictError);

    const review = await getReleasedReview({ viewer: otherLearner, submissionId: submission.id });
    assert.equal(review.released?.scores.design?.points, 4);
    // 0.5·100 + 0.5·60 = 80: now it passes.
    assert.equal(review.released?.combined.combinedPercent, 80);
    assert.equal(
      (await loadCourseResults(otherLearner.id, course.courseId)).labs[0]?.passed?.codeSha256,
      submission.codeSha256,
    );
    const answered = review.requests.find((request) => request.id === requestId);
    assert.equal(answered?.status, "ACCEPTED");
    assert.equal(answered?.answerKind, "SCORE");
    const learnerNotices = await openNotifications({ viewer: otherLearner });
    assert.equal(learnerNotices[0]?.kind, "regrade.accepted");

    const whole = (await listRegradeRequests({ viewer: instructor, courseSlug: course.courseSlug })).open[0];
    assert.ok(whole);
    const noReason = await rejection(
      answerRegradeRequest({
        viewer: instructor,
        courseSlug: course.courseSlug,
        requestId: whole.id,
        input: { decision: "decline", answer: " " },
      }),
    );
    assert.ok(noReason instanceof ValidationError);
    const notCriterion = await rejection(
      answerRegradeRequest({
        viewer: instructor,
        courseSlug: course.courseSlug,
        requestId: whole.id,
        input: { decision: "score", points: 1 },
      }),
    );
    assert.ok(notCriterion instanceof ValidationError);
    await answerRegradeRequest({
      viewer: instructor,
      courseSlug: course.courseSlug,
      requestId: whole.id,
      input: { decision: "regrade", answer: "Running it again." },
    });
    const regraded = await db.submission.findUniqueOrThrow({ where: { id: submission.id }, select: { status: true } });
    assert.equal(regraded.status, "QUEUED");
    const audit = await db.auditLog.findMany({
      where: { targetType: "submission", targetId: submission.id },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    assert.deepEqual(
      audit.map((entry) => entry.action),
      [
        "review.grade.save",
        "review.grade.release",
        "regrade-request.create",
        "regrade-request.create",
        "regrade-request.answer",
        "submission.regrade",
        "regrade-request.answer",
      ],
    );
  });
});

describe("a rubric in the authoring form", () => {
  test("round-trips through saving and editing, and a broken one is refused with problems in both languages", async () => {
    const slug = `rubric-authoring-${Date.now().toString(36)}`;
    await createCourse({
      viewer: instructor,
      input: { slug, title: text("Rubric authoring"), summary: text("For the test.") },
    });
    const spec = (await db.assignmentVersion.findUniqueOrThrow({ where: { id: course.versionId } })).spec;
    const input = (rubric: unknown) => ({
      specYaml: stringify({ ...AssignmentSpecSchema.parse(spec), rubric }),
      brief: { en: "# Brief\n", "zh-CN": "# 说明\n" },
      starter: "export async function train() {}\n",
    });
    const broken = await rejection(
      saveAssignment({
        viewer: instructor,
        courseSlug: slug,
        assignmentSlug: null,
        input: input({ ...RUBRIC, combine: { ...RUBRIC.combine, rubricWeight: 0.9 } }),
      }),
    );
    assert.ok(broken instanceof ValidationError);
    assert.deepEqual(broken.fieldErrors["specYaml.rubric.combine.rubricWeight"], [
      "autograderWeight and rubricWeight must sum to 1 / autograderWeight 与 rubricWeight 之和必须为 1",
    ]);
    await saveAssignment({ viewer: instructor, courseSlug: slug, assignmentSlug: null, input: input(RUBRIC) });
    const { form } = await getAssignmentForm({
      viewer: instructor,
      courseSlug: slug,
      assignmentSlug: "linear-regression",
    });
    assert.deepEqual(AssignmentSpecSchema.parse(parseYaml(form.specYaml)).rubric, RUBRIC);
  });
});
