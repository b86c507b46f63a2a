// AGS score passback end to end on the run's own Postgres and Redis: results stored the way their
// writers store them (the grader's transaction, a quiz submission, a certificate's issue and
// revocation) record an outbox row, the row goes onto the "lti-scores" queue, the issuer's handler
// recomputes and posts, and a platform written from the specifications receives the score.
import "../testing/test-queue-prefix";
import "../test-tool-key";
import "../../certificates/test-signing-key";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Worker } from "bullmq";
import { processLtiScoreJob } from "../../../issuer/process-lti-score-job";
import { issueCertificateIfEligible } from "../../certificates/issue-certificate";
import { changeCertificateStatus } from "../../certificates/change-certificate-status";
import { db } from "../../db";
import { LEARNER_ROLE } from "../vocabulary";
import { ForbiddenError } from "../../errors";
import { makeCourse, makeSubmission, makeUser, rejection, type TestCourse } from "../../instructor/test-fixtures";
import { logger } from "../../log";
import { createQueueConnection, queueOptions } from "../../queue/grading-queue";
import { enqueueLtiScoreJob, recordLtiScoreJob, relayLtiScoreOutbox } from "../../queue/lti-score-outbox";
import { closeLtiScoreQueue, getLtiScoreQueue, LTI_SCORE_QUEUE } from "../../queue/lti-score-queue";
import { submitAttempt } from "../../quizzes/submit-attempt";
import { sendLearnerScores } from "./send-learner-scores";
import { verifyUrl } from "../../certificates/urls";
import { listToolKeys } from "../tool-key";
import { startServicePlatform, type ReceivedScore, type ServicePlatform } from "../testing/service-platform";
import { listScorePosts } from "./list-score-posts";
import { resendFailedScores, resendScorePost } from "./resend-scores";

const SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
const LINE_ITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
const CLIENT_ID = "gradient-client";

let platform: ServicePlatform;
let worker: Worker;
const workerConnection = createQueueConnection();
let course: TestCourse;
let platformId: string;
let contextId: string;
let instructor: Awaited<ReturnType<typeof makeUser>>;
let labLineItem: string;
let courseLineItem: string;
let quizId: string;
let questionIds: string[];

const silent = logger.child({ test: "lti-scores" });

async function waitFor<T>(what: string, read: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until no job of this file's queue is waiting or running (retries, delayed, may remain). */
async function settled(): Promise<void> {
  await waitFor("the score queue to settle", async () => {
    const counts = await getLtiScoreQueue().getJobCounts("waiting", "active", "prioritized");
    const pending = await db.outboxJob.count({ where: { queue: LTI_SCORE_QUEUE, state: "PENDING" } });
    return Object.values(counts).every((count) => count === 0) && pending === 0;
  });
}

const scoresFor = (lineItem: string, sub: string): Record<string, unknown>[] =>
  platform.scores
    .filter((score: ReceivedScore) => score.lineItem === lineItem && score.body.userId === sub)
    .map((score) => score.body);

/** A learner who arrived from the LMS course as `sub` (their launch records them as a member of it). */
async function makeLmsLearner(sub: string) {
  const learner = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" }, `Learner ${sub}`);
  await db.ltiUser.create({ data: { platformId, sub, userId: learner.id, lastLaunchAt: new Date() } });
  await db.ltiRosterMember.create({
    data: { ltiContextId: contextId, sub, roles: [LEARNER_ROLE], status: "Active", syncedAt: new Date() },
  });
  return learner;
}

/** Stores a graded result as the grader does: the result and the LTI outbox row in one transaction, then the enqueue. */
async function storeGradedResult(submissionId: string, status: "PASSED" | "FAILED", score: number) {
  const row = await db.$transaction(async (tx) => {
    const saved = await tx.submission.update({
      where: { id: submissionId },
      data: { status, score, failureKind: status === "FAILED" ? "LEARNER" : null, finishedAt: new Date() },
      select: { userId: true, assignment: { select: { courseId: true } } },
    });
    return recordLtiScoreJob(tx, { userId: saved.userId, courseId: saved.assignment.courseId });
  });
  assert.ok(row, "an outbox row is recorded for a learner from an LMS");
  await enqueueLtiScoreJob(row);
}

before(async () => {
  platform = await startServicePlatform({
    clientId: CLIENT_ID,
    toolJwks: async () => ({ keys: (await listToolKeys()).map((key) => ({ ...key.publicJwk })) }),
  });
  course = await makeCourse("lti-scores");
  await db.course.update({
    where: { id: course.courseId },
    data: {
      passRule: {
        requiredLabs: [course.assignmentSlug],
        minLessonQuizPercent: 0,
        minExamPercent: 0,
        passMarkPercent: 60,
        weights: { labs: 0.5, quizzes: 0.5, exam: 0 },
      },
    },
  });
  instructor = await makeUser("INSTRUCTOR", { courseId: course.courseId, as: "INSTRUCTOR" });
  const quiz = await db.quiz.create({
    data: { courseId: course.courseId, slug: "basics", title: { en: "Basics" }, maxAttempts: null },
  });
  quizId = quiz.id;
  questionIds = [];
  for (const index of [1, 2]) {
    const question = await db.quizQuestion.create({
      data: {
        quizId,
        key: `q${index}`,
        position: index,
        kind: "NUMERIC",
        prompt: { en: `What is ${index}?` },
        choices: [],
        answer: { value: index, tolerance: 0 },
        explanation: { en: "" },
      },
    });
    questionIds.push(question.id);
  }

  const registered = await db.ltiPlatform.create({
    data: {
      issuer: platform.origin,
      clientId: CLIENT_ID,
      name: "Spec LMS",
      authLoginUrl: `${platform.origin}/auth`,
      accessTokenUrl: platform.tokenUrl,
      jwksUrl: `${platform.origin}/jwks`,
    },
  });
  platformId = registered.id;
  const context = await db.ltiContext.create({
    data: {
      platformId,
      deploymentId: "deployment-1",
      contextId: "course-7",
      title: "Course 7",
      lineItemsUrl: platform.lineItemsUrl,
      agsScopes: [SCORE, LINE_ITEM],
    },
  });
  contextId = context.id;
  labLineItem = platform.addLineItem({ label: "Lab", scoreMaximum: 100, resourceLinkId: "link-lab" }).id;
  courseLineItem = platform.addLineItem({ label: "Course", scoreMaximum: 100, resourceLinkId: "link-course" }).id;
  await db.ltiResourceLink.createMany({
    data: [
      {
        ltiContextId: contextId,
        resourceLinkId: "link-lab",
        title: "Lab placement",
        courseId: course.courseId,
        targetKind: "LAB",
        targetId: course.assignmentId,
        lineItemUrl: labLineItem,
      },
      {
        ltiContextId: contextId,
        resourceLinkId: "link-course",
        title: "Course placement",
        courseId: course.courseId,
        targetKind: "COURSE",
        lineItemUrl: courseLineItem,
      },
      // No line item of its own: Gradient finds or creates it through the context's line items service.
      {
        ltiContextId: contextId,
        resourceLinkId: "link-quiz",
        title: "Quiz placement",
        courseId: course.courseId,
        targetKind: "QUIZ",
        targetId: quizId,
      },
    ],
  });
  worker = new Worker(LTI_SCORE_QUEUE, (job) => processLtiScoreJob(job, silent), {
    ...queueOptions(workerConnection),
    concurrency: 2,
  });
});

after(async () => {
  await worker?.close();
  await workerConnection.quit();
  await getLtiScoreQueue().obliterate({ force: true });
  await closeLtiScoreQueue();
  await platform?.close();
  await db.$disconnect();
});

describe("LTI score passback", () => {
  test("a graded lab posts 0 then 100 to its line item, as the learner's LMS id", async () => {
    const learner = await makeLmsLearner("lms-ada");
    const first = await makeSubmission(course, { userId: learner.id, status: "RUNNING" });
    await storeGradedResult(first.id, "FAILED", 0.5);
    const failed = await waitFor("the lab's 0", async () => scoresFor(labLineItem, "lms-ada")[0]);
    assert.equal(failed.scoreGiven, 0);
    assert.equal(failed.scoreMaximum, 100);
    assert.equal(failed.activityProgress, "Completed");
    assert.equal(failed.gradingProgress, "FullyGraded");
    assert.match(String(failed.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.match(String(failed.comment), /not passed yet.*threshold/i);

    const second = await makeSubmission(course, { userId: learner.id, status: "RUNNING", attemptNumber: 2 });
    await storeGradedResult(second.id, "PASSED", 0.1);
    const passed = await waitFor("the lab's 100", async () => scoresFor(labLineItem, "lms-ada")[1]);
    assert.equal(passed.scoreGiven, 100);
    assert.ok(String(passed.timestamp) > String(failed.timestamp), "timestamps increase");
    await settled();
    const post = await db.ltiScorePost.findFirstOrThrow({
      where: { userId: learner.id, resourceLink: { resourceLinkId: "link-lab" } },
    });
    assert.equal(post.state, "SENT");
    assert.equal(post.scoreGiven, 100);
    assert.ok(post.sentAt);
    // The course's placement got the pass rule's score too: labs half, quizzes (none taken) half.
    assert.equal(scoresFor(courseLineItem, "lms-ada").at(-1)?.scoreGiven, 50);
  });

  test("a learner of the platform who is not a member of the LMS course is sent no score there", async () => {
    const outsider = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" }, "Learner elsewhere");
    await db.ltiUser.create({
      data: { platformId, sub: "lms-elsewhere", userId: outsider.id, lastLaunchAt: new Date() },
    });
    const submission = await makeSubmission(course, { userId: outsider.id, status: "RUNNING" });
    await storeGradedResult(submission.id, "PASSED", 0.1);
    await settled();
    assert.deepEqual(scoresFor(labLineItem, "lms-elsewhere"), []);
    assert.equal(await db.ltiScorePost.count({ where: { userId: outsider.id, state: "SENT" } }), 0);
  });

  test("a regrade posts the new score, a result that changes nothing posts it again, and a retry posts nothing twice", async () => {
    const learner = await makeLmsLearner("lms-bo");
    const submission = await makeSubmission(course, { userId: learner.id, status: "RUNNING" });
    await storeGradedResult(submission.id, "PASSED", 0.1);
    await waitFor("the first score", async () => scoresFor(labLineItem, "lms-bo")[0]);
    await settled();
    // The regrade's outcome is saved in the grader's transaction, like every other result.
    await db.submission.update({ where: { id: submission.id }, data: { isRegrade: true, status: "RUNNING" } });
    await storeGradedResult(submission.id, "FAILED", 0.9);
    const regraded = await waitFor("the regraded score", async () => scoresFor(labLineItem, "lms-bo")[1]);
    assert.equal(regraded.scoreGiven, 0);
    await settled();

    // A retry of a job whose result was already sent (its scores unchanged since) posts nothing.
    const recordedBefore = new Date(Date.now() - 60_000).toISOString();
    const before = platform.scores.length;
    const retried = await sendLearnerScores({
      userId: learner.id,
      courseId: course.courseId,
      recordedAt: recordedBefore,
    });
    assert.deepEqual(
      retried.filter((entry) => entry.outcome.state === "SENT" || entry.outcome.state === "FAILED"),
      [],
    );
    assert.ok(retried.some((entry) => entry.outcome.state === "UNCHANGED"));
    assert.equal(platform.scores.length, before, "a retry posts nothing twice");

    // A new result with the same outcome (a regrade that changes nothing) still reaches the LMS, later.
    const row = await db.$transaction((tx) => recordLtiScoreJob(tx, { userId: learner.id, courseId: course.courseId }));
    await enqueueLtiScoreJob(row);
    const again = await waitFor("the same score, posted again", async () => scoresFor(labLineItem, "lms-bo")[2]);
    assert.equal(again.scoreGiven, 0);
    assert.ok(String(again.timestamp) > String(regraded.timestamp), "with a later timestamp");
    await settled();
  });

  test("a submission after the learner's deadline does not count", async () => {
    const learner = await makeLmsLearner("lms-late");
    await db.assignmentExtension.create({
      data: {
        assignmentId: course.assignmentId,
        userId: learner.id,
        deadline: new Date(Date.now() - 60_000),
        reason: "test",
        grantedById: instructor.id,
      },
    });
    const onTime = await makeSubmission(course, {
      userId: learner.id,
      status: "RUNNING",
      createdAt: new Date(Date.now() - 120_000),
    });
    await storeGradedResult(onTime.id, "FAILED", 0.9);
    await waitFor("the on-time score", async () => scoresFor(labLineItem, "lms-late")[0]);
    const late = await makeSubmission(course, { userId: learner.id, status: "RUNNING", attemptNumber: 2 });
    await storeGradedResult(late.id, "PASSED", 0.1);
    await settled();
    // The late pass counts for nothing: the LMS is told the on-time score again, never 100.
    assert.deepEqual(new Set(scoresFor(labLineItem, "lms-late").map((score) => score.scoreGiven)), new Set([0]));
  });

  test("a quiz posts its best percentage to a line item Gradient creates", async () => {
    const learner = await makeLmsLearner("lms-cy");
    const answerQuiz = async (answers: [string, string]) => {
      const attempt = await db.quizAttempt.create({ data: { quizId, userId: learner.id, questionIds } });
      await submitAttempt(learner, {
        attemptId: attempt.id,
        answers: { [questionIds[0] ?? ""]: answers[0], [questionIds[1] ?? ""]: answers[1] },
      });
      // No enqueue follows a quiz's commit: the issuer's relay moves the row, as here.
      await relayLtiScoreOutbox();
      await settled();
    };
    await answerQuiz(["1", "0"]);
    const link = await db.ltiResourceLink.findFirstOrThrow({ where: { resourceLinkId: "link-quiz" } });
    assert.ok(link.lineItemUrl, "the created line item is stored on the placement");
    const created = platform.lineItems.find((item) => item.id === link.lineItemUrl);
    assert.deepEqual(
      {
        scoreMaximum: created?.scoreMaximum,
        resourceLinkId: created?.resourceLinkId,
        tag: created?.tag,
        resourceId: created?.resourceId,
      },
      { scoreMaximum: 100, resourceLinkId: "link-quiz", tag: "gradient", resourceId: quizId },
    );
    assert.equal(scoresFor(link.lineItemUrl, "lms-cy").at(-1)?.scoreGiven, 50);
    await answerQuiz(["1", "2"]);
    assert.equal(scoresFor(link.lineItemUrl, "lms-cy").at(-1)?.scoreGiven, 100);
    await answerQuiz(["0", "0"]);
    assert.equal(
      scoresFor(link.lineItemUrl, "lms-cy").at(-1)?.scoreGiven,
      100,
      "a worse attempt leaves the best score",
    );
    assert.equal(platform.lineItems.filter((item) => item.resourceLinkId === "link-quiz").length, 1, "created once");
  });

  test("the course score posts, and a revoked certificate posts 0", async () => {
    const learner = await makeLmsLearner("lms-di");
    const submission = await makeSubmission(course, { userId: learner.id, status: "RUNNING" });
    await storeGradedResult(submission.id, "PASSED", 0.1);
    const attempt = await db.quizAttempt.create({ data: { quizId, userId: learner.id, questionIds } });
    await submitAttempt(learner, {
      attemptId: attempt.id,
      answers: { [questionIds[0] ?? ""]: "1", [questionIds[1] ?? ""]: "2" },
    });
    await relayLtiScoreOutbox();
    await settled();
    assert.equal(scoresFor(courseLineItem, "lms-di").at(-1)?.scoreGiven, 100);
    const issued = await issueCertificateIfEligible(learner.id, course.courseId);
    assert.ok(issued.isIssued);
    await relayLtiScoreOutbox();
    await settled();
    const completed = String(scoresFor(courseLineItem, "lms-di").at(-1)?.comment);
    assert.match(completed, /completed/);
    assert.ok(completed.endsWith(`Certificate: ${verifyUrl(issued.publicId)}`), "the LMS can link to the verify page");

    await changeCertificateStatus({
      actor: instructor,
      input: { publicId: issued.publicId, action: "revoke", reason: "copied work" },
    });
    await relayLtiScoreOutbox();
    await settled();
    const revoked = scoresFor(courseLineItem, "lms-di").at(-1);
    assert.equal(revoked?.scoreGiven, 0);
    assert.match(String(revoked?.comment), /revoked/);
  });

  test("a failing platform leaves FAILED with its error, and send again posts it", async () => {
    const learner = await makeLmsLearner("lms-ed");
    platform.failScoresWith = 500;
    const submission = await makeSubmission(course, { userId: learner.id, status: "RUNNING" });
    await storeGradedResult(submission.id, "PASSED", 0.1);
    const failed = await waitFor("the failed post", () =>
      db.ltiScorePost.findFirst({
        where: { userId: learner.id, state: "FAILED", resourceLink: { resourceLinkId: "link-lab" } },
      }),
    );
    assert.match(failed.lastError ?? "", /HTTP 500: Internal error database unavailable/);
    assert.equal(failed.attempts, 1);
    assert.equal(failed.sentAt, null);
    await settled();
    // The queue would retry on its own; this test stands in for its giving up.
    for (const job of await getLtiScoreQueue().getDelayed()) await job.remove();

    for (const viewer of [learner, await makeUser("INSTRUCTOR")]) {
      assert.ok(
        (await rejection(resendScorePost({ viewer, courseSlug: course.courseSlug, scorePostId: failed.id }))) instanceof
          ForbiddenError,
      );
      assert.ok(
        (await rejection(resendFailedScores({ viewer, courseSlug: course.courseSlug }))) instanceof ForbiddenError,
      );
      assert.ok((await rejection(listScorePosts({ viewer, courseSlug: course.courseSlug }))) instanceof ForbiddenError);
    }
    const listed = await listScorePosts({ viewer: instructor, courseSlug: course.courseSlug });
    assert.equal(listed.rows[0]?.state, "FAILED", "failures come first");
    assert.ok(listed.failedCount >= 1);

    platform.failScoresWith = null;
    await resendScorePost({ viewer: instructor, courseSlug: course.courseSlug, scorePostId: failed.id });
    const sent = await waitFor("the resent score", async () => scoresFor(labLineItem, "lms-ed")[0]);
    assert.equal(sent.scoreGiven, 100);
    await settled();
    const row = await db.ltiScorePost.findUniqueOrThrow({ where: { id: failed.id } });
    assert.equal(row.state, "SENT");
    assert.equal(row.lastError, null);
    assert.equal(
      await resendFailedScores({ viewer: instructor, courseSlug: course.courseSlug }),
      0,
      "nothing left to resend",
    );
  });

  test("a token is asked for once per scope set, with a client assertion the platform verified", () => {
    assert.deepEqual(platform.tokenRefusals, []);
    const scoreOnly = platform.tokenGrants.filter((scopes) => scopes.join(" ") === SCORE);
    assert.equal(scoreOnly.length, 1, JSON.stringify(platform.tokenGrants));
  });

  test("results of learners who never came from an LMS record nothing", async () => {
    const outsider = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" });
    const row = await db.$transaction((tx) =>
      recordLtiScoreJob(tx, { userId: outsider.id, courseId: course.courseId }),
    );
    assert.equal(row, null);
    const learner = await db.ltiUser.findFirstOrThrow({ where: { platformId } });
    const otherCourse = await makeCourse("lti-unplaced");
    const none = await db.$transaction((tx) =>
      recordLtiScoreJob(tx, { userId: learner.userId, courseId: otherCourse.courseId }),
    );
    assert.equal(none, null, "a course placed in no LMS records nothing");
  });
});
