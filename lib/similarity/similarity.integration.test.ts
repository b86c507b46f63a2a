// A similarity analysis end to end on the run's own Postgres and Redis: started by an instructor (row,
// outbox and enqueue), taken from the real queue and run by the issuer's handler, read back by the
// pages' services, and a flagged pair suspending a learner's certificate with the audit entries.
import "../instructor/test-queue-prefix";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { processSimilarityJob } from "../../issuer/process-similarity-job";
import { issueCertificate } from "../certificates/issue-certificate";
import { db } from "../db";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { makeCourse, makeUser, rejection, type TestCourse } from "../instructor/test-fixtures";
import { logger } from "../log";
import { closeSimilarityQueue, getSimilarityQueue, SIMILARITY_QUEUE } from "../queue/similarity-queue";
import { getSimilarityAnalysis } from "./get-similarity-analysis";
import { getSimilarityClusters } from "./get-similarity-clusters";
import { getSimilarityPair } from "./get-similarity-pair";
import { listSimilarityAnalyses } from "./list-similarity-analyses";
import { reviewSimilarityPair } from "./review-similarity-pair";
import { startSimilarityAnalysis } from "./start-similarity-analysis";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8");
const reference = (slug: string) =>
  fs.readFileSync(
    path.join(__dirname, "..", "..", "content", "courses", "ml-foundations", "assignments", slug, "reference.js"),
    "utf8",
  );
const silent = logger.child({ test: "similarity" });

let course: TestCourse;
let instructor: Awaited<ReturnType<typeof makeUser>>;
let outsider: Awaited<ReturnType<typeof makeUser>>;
let ada: Awaited<ReturnType<typeof makeUser>>;
let ben: Awaited<ReturnType<typeof makeUser>>;
let cleo: Awaited<ReturnType<typeof makeUser>>;

async function submit(userId: string, code: string, extra: { status?: "PASSED" | "ERROR"; createdAt?: Date } = {}) {
  return db.submission.create({
    data: {
      userId,
      assignmentId: course.assignmentId,
      assignmentVersionId: course.versionId,
      attemptNumber: 1,
      status: extra.status ?? "PASSED",
      failureKind: extra.status === "ERROR" ? "PLATFORM" : null,
      score: 0.1,
      code,
      codeSha256: crypto.createHash("sha256").update(code).digest("hex"),
      specSha256: "0".repeat(64),
      ...(extra.createdAt ? { createdAt: extra.createdAt } : {}),
    },
  });
}

before(async () => {
  course = await makeCourse("similarity");
  instructor = await makeUser("INSTRUCTOR", { courseId: course.courseId, as: "INSTRUCTOR" }, "Ines Instructor");
  outsider = await makeUser("INSTRUCTOR", undefined, "Otto Outsider");
  ada = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" }, "Ada Original");
  ben = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" }, "Ben Borrower");
  cleo = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" }, "Cleo Own");
  await db.assignmentVersion.update({
    where: { id: course.versionId },
    data: { starterCode: reference("linear-regression").split("\n").slice(0, 6).join("\n") },
  });
  await submit(ada.id, fixture("original-model.js"));
  // Ben's latest submission is the copy; a later one the platform failed to grade does not count.
  await submit(ben.id, reference("mnist-dense"), { createdAt: new Date(Date.now() - 60_000) });
  await submit(ben.id, fixture("planted-copy.js"));
  await submit(ben.id, "// lost by the platform", { status: "ERROR", createdAt: new Date(Date.now() + 60_000) });
  await submit(cleo.id, reference("spam-lstm"));
});

after(async () => {
  await getSimilarityQueue().obliterate({ force: true });
  await closeSimilarityQueue();
  await db.$disconnect();
});

describe("a similarity analysis", () => {
  let analysisId = "";

  test("is refused to people who do not teach the lab, and refuses a bad form without writing", async () => {
    const input = { basis: "LATEST", includesOtherRuns: "", threshold: "" };
    for (const viewer of [outsider, ada]) {
      const error = await rejection(
        startSimilarityAnalysis({
          viewer,
          courseSlug: course.courseSlug,
          assignmentSlug: course.assignmentSlug,
          input,
        }),
      );
      assert.ok(error instanceof ForbiddenError);
    }
    const before = await db.similarityAnalysis.count();
    for (const junk of [
      null,
      42,
      { basis: "MOST" },
      { basis: "LATEST", threshold: "7" },
      { basis: "LATEST", archive: { name: "a.zip", bytes: strToU8("not a zip") } },
    ]) {
      const error = await rejection(
        startSimilarityAnalysis({
          viewer: instructor,
          courseSlug: course.courseSlug,
          assignmentSlug: course.assignmentSlug,
          input: junk,
        }),
      );
      assert.ok(error instanceof ValidationError, String(error));
    }
    assert.equal(await db.similarityAnalysis.count(), before);
  });

  test("is queued with its outbox row, run by the issuer's handler, and ranks the planted copy first", async () => {
    const archive = zipSync({
      "2025/someone.js": strToU8(reference("fashion-cnn")),
      "2025/readme.md": strToU8("# no"),
    });
    ({ analysisId } = await startSimilarityAnalysis({
      viewer: instructor,
      courseSlug: course.courseSlug,
      assignmentSlug: course.assignmentSlug,
      input: {
        basis: "LATEST",
        includesOtherRuns: "on",
        threshold: "",
        archive: { name: "earlier.zip", bytes: archive },
      },
    }));
    const outbox = await db.outboxJob.findFirstOrThrow({
      where: { queue: SIMILARITY_QUEUE, payload: { equals: { analysisId } } },
    });
    assert.equal(outbox.state, "ENQUEUED");
    const job = await getSimilarityQueue().getJob(outbox.id);
    assert.ok(job, "the job is on the queue");
    assert.deepEqual(job.data, { analysisId });
    const listed = await listSimilarityAnalyses({
      viewer: instructor,
      courseSlug: course.courseSlug,
      assignmentSlug: course.assignmentSlug,
    });
    assert.equal(listed.analyses[0]?.status, "QUEUED");

    await processSimilarityJob(job, silent);

    const result = await getSimilarityAnalysis({
      viewer: instructor,
      courseSlug: course.courseSlug,
      assignmentSlug: course.assignmentSlug,
      analysisId,
    });
    assert.equal(result.analysis.status, "DONE");
    assert.equal(result.analysis.progress, 1);
    assert.equal(result.analysis.submissionCount, 3);
    assert.equal(result.analysis.fileCount, 4);
    const first = result.pairs[0];
    assert.ok(first);
    const names = [first.left, first.right].map((side) => (side.kind === "submission" ? side.name : side.path)).sort();
    assert.deepEqual(names, ["Ada Original", "Ben Borrower"]);
    assert.ok(first.score >= result.threshold);
    for (const pair of result.pairs.slice(1)) assert.ok(pair.score < result.threshold, `${pair.score}`);
    assert.equal(result.aboveThreshold, 1);

    const { clusters } = await getSimilarityClusters({
      viewer: instructor,
      courseSlug: course.courseSlug,
      assignmentSlug: course.assignmentSlug,
      analysisId,
    });
    assert.equal(clusters.length, 1);
    assert.equal(clusters[0]?.members.length, 2);
    // A lower threshold, typed by the instructor, can only widen the clusters.
    const wide = await getSimilarityClusters({
      viewer: instructor,
      courseSlug: course.courseSlug,
      assignmentSlug: course.assignmentSlug,
      analysisId,
      query: { threshold: "0.05" },
    });
    assert.ok(wide.clusters.reduce((sum, cluster) => sum + cluster.members.length, 0) >= 2);

    const shown = await getSimilarityPair({
      viewer: instructor,
      courseSlug: course.courseSlug,
      assignmentSlug: course.assignmentSlug,
      analysisId,
      pairId: first.id,
    });
    assert.ok(shown.pair.fragments.length > 0);
    assert.match(shown.pair.left.code + shown.pair.right.code, /createNetwork/);
    for (const fragment of shown.pair.fragments) {
      assert.ok(fragment.left.endLine <= shown.pair.left.code.split("\n").length);
      assert.ok(fragment.right.endLine <= shown.pair.right.code.split("\n").length);
    }
  });

  test("can be read only by the lab's instructors, and only under its own lab", async () => {
    const args = { courseSlug: course.courseSlug, assignmentSlug: course.assignmentSlug, analysisId };
    assert.ok((await rejection(getSimilarityAnalysis({ viewer: outsider, ...args }))) instanceof ForbiddenError);
    assert.ok(
      (await rejection(
        getSimilarityAnalysis({ viewer: instructor, ...args, analysisId: "nosuchanalysis000000" }),
      )) instanceof NotFoundError,
    );
    assert.ok(
      (await rejection(getSimilarityPair({ viewer: instructor, ...args, pairId: "../../etc" }))) instanceof
        NotFoundError,
    );
  });

  test("a pair flagged with suspension suspends the learners' certificates, with audit entries naming the analysis and pair", async () => {
    await db.course.update({
      where: { id: course.courseId },
      data: {
        passRule: {
          requiredLabs: [],
          minLessonQuizPercent: 0,
          minExamPercent: 0,
          passMarkPercent: 70,
          weights: { labs: 1, quizzes: 0, exam: 0 },
        },
      },
    });
    const issued = await issueCertificate({
      userId: ben.id,
      courseId: course.courseId,
      score: 90,
      passMark: 70,
      evidence: [],
    });
    assert.ok(issued.isIssued);
    const { pairs } = await getSimilarityAnalysis({
      viewer: instructor,
      courseSlug: course.courseSlug,
      assignmentSlug: course.assignmentSlug,
      analysisId,
    });
    const pairId = pairs[0]?.id ?? "";
    const args = {
      actor: instructor,
      courseSlug: course.courseSlug,
      assignmentSlug: course.assignmentSlug,
      analysisId,
      pairId,
    };

    const noNote = await rejection(
      reviewSimilarityPair({ ...args, input: { decision: "flag", note: " ", suspendCertificates: "on" } }),
    );
    assert.ok(noNote instanceof ValidationError);
    assert.ok(noNote.fieldErrors.note);
    assert.ok((await rejection(reviewSimilarityPair({ ...args, input: "junk" }))) instanceof ValidationError);
    assert.equal((await db.certificate.findFirstOrThrow({ where: { userId: ben.id } })).suspendedAt, null);

    const { suspended } = await reviewSimilarityPair({
      ...args,
      input: { decision: "flag", note: "Same code, renamed.", suspendCertificates: "on" },
    });
    assert.deepEqual(suspended, [issued.publicId]);
    const certificate = await db.certificate.findFirstOrThrow({ where: { userId: ben.id } });
    assert.ok(certificate.suspendedAt);
    assert.match(certificate.suspensionReason ?? "", new RegExp(`${analysisId}.*${pairId}`));
    const flag = await db.auditLog.findFirstOrThrow({ where: { action: "similarity.pair.flag", targetId: pairId } });
    assert.deepEqual(flag.details, {
      analysisId,
      pairId,
      note: "Same code, renamed.",
      suspendedCertificates: [issued.publicId],
    });
    assert.equal(await db.auditLog.count({ where: { action: "certificate.suspend", targetId: certificate.id } }), 1);
    const shown = await getSimilarityPair({
      viewer: instructor,
      courseSlug: course.courseSlug,
      assignmentSlug: course.assignmentSlug,
      analysisId,
      pairId,
    });
    assert.equal(shown.pair.reviewState, "FLAGGED");
    assert.equal(shown.pair.reviewerName, "Ines Instructor");
    assert.deepEqual(
      shown.certificates.map((entry) => entry.status),
      ["suspended"],
    );

    // Marking it reviewed afterwards records the decision without touching the certificate again.
    await reviewSimilarityPair({ ...args, input: { decision: "review", note: "" } });
    assert.equal((await db.similarityPair.findUniqueOrThrow({ where: { id: pairId } })).reviewState, "REVIEWED");
    const outsiderError = await rejection(
      reviewSimilarityPair({ ...args, actor: outsider, input: { decision: "review" } }),
    );
    assert.ok(outsiderError instanceof ForbiddenError);
  });

  test("includes the same lab in the other courses the instructor teaches, only when asked, and never others' courses", async () => {
    const earlier = await makeCourse("similarity-earlier");
    const elsewhere = await makeCourse("similarity-elsewhere");
    await db.enrolment.create({ data: { userId: instructor.id, courseId: earlier.courseId, role: "INSTRUCTOR" } });
    const dan = await makeUser("LEARNER", { courseId: earlier.courseId, as: "LEARNER" }, "Dan Earlier");
    const eve = await makeUser("LEARNER", { courseId: elsewhere.courseId, as: "LEARNER" }, "Eve Elsewhere");
    for (const [run, userId] of [
      [earlier, dan.id],
      [elsewhere, eve.id],
    ] as const) {
      const code = fixture("planted-copy.js");
      await db.submission.create({
        data: {
          userId,
          assignmentId: run.assignmentId,
          assignmentVersionId: run.versionId,
          attemptNumber: 1,
          status: "PASSED",
          score: 0.1,
          code,
          codeSha256: crypto.createHash("sha256").update(code).digest("hex"),
          specSha256: "0".repeat(64),
        },
      });
    }
    const namesIn = async (includesOtherRuns: string) => {
      const { analysisId: id } = await startSimilarityAnalysis({
        viewer: instructor,
        courseSlug: course.courseSlug,
        assignmentSlug: course.assignmentSlug,
        input: { basis: "BEST", includesOtherRuns, threshold: "0.5" },
      });
      const outbox = await db.outboxJob.findFirstOrThrow({
        where: { queue: SIMILARITY_QUEUE, payload: { equals: { analysisId: id } } },
      });
      const job = await getSimilarityQueue().getJob(outbox.id);
      assert.ok(job);
      await processSimilarityJob(job, silent);
      const result = await getSimilarityAnalysis({
        viewer: instructor,
        courseSlug: course.courseSlug,
        assignmentSlug: course.assignmentSlug,
        analysisId: id,
        query: { threshold: "0.5" },
      });
      return new Set(
        result.pairs
          .filter((pair) => pair.score >= 0.5)
          .flatMap((pair) => [pair.left, pair.right])
          .map((side) => (side.kind === "submission" ? `${side.name}@${side.courseSlug}` : side.path)),
      );
    };
    const withRuns = await namesIn("on");
    assert.ok(withRuns.has(`Dan Earlier@${earlier.courseSlug}`));
    assert.ok(!withRuns.has(`Eve Elsewhere@${elsewhere.courseSlug}`));
    const withoutRuns = await namesIn("");
    assert.ok(!withoutRuns.has(`Dan Earlier@${earlier.courseSlug}`));
    assert.ok(withoutRuns.has(`Ben Borrower@${course.courseSlug}`));
  });
});
