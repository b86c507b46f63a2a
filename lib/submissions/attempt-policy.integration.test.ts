// Attempt accounting against the real Postgres: which finished submissions count as attempts.
// Failures the host finds before any learner code runs are free; everything once code runs is
// charged, whatever it claims; platform failures are free; practice runs are not submissions at all.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, test } from "node:test";
import { db } from "../db";
import type { FailureKind } from "../generated/prisma/enums";
import { chargedAttemptsWhere, HOST_FOUND_FAILURE_CODES, isChargedAttempt } from "./attempt-policy";

let userId = "";
let assignmentId = "";
let versionId = "";

before(async () => {
  const slug = `attempts-${crypto.randomUUID().slice(0, 8)}`;
  const course = await db.course.create({ data: { slug, title: { en: "t" }, summary: { en: "" }, passRule: {} } });
  const assignment = await db.assignment.create({ data: { courseId: course.id, slug: "lab", title: { en: "Lab" } } });
  assignmentId = assignment.id;
  const version = await db.assignmentVersion.create({
    data: { assignmentId, version: 1, spec: {}, specSha256: "0".repeat(64), brief: {}, starterCode: "" },
  });
  versionId = version.id;
  const user = await db.user.create({ data: { email: `${slug}@example.com`, name: "A", passwordHash: "unused" } });
  userId = user.id;
});

after(() => db.$disconnect());

async function submission(
  status: "QUEUED" | "FAILED" | "ERROR",
  failureKind: FailureKind | null,
  failureCode: string | null,
) {
  return db.submission.create({
    data: {
      userId,
      assignmentId,
      assignmentVersionId: versionId,
      attemptNumber: 1,
      code: "x",
      codeSha256: "0".repeat(64),
      specSha256: "0".repeat(64),
      status,
      failureKind,
      failureCode,
    },
    select: { failureKind: true, failureCode: true },
  });
}

describe("chargedAttemptsWhere", () => {
  test("charges what ran (and what is still waiting), and not what the host refused or the platform failed", async () => {
    const rows = [
      { row: await submission("QUEUED", null, null), isCharged: true },
      { row: await submission("FAILED", "LEARNER", "import_failed"), isCharged: true },
      { row: await submission("FAILED", "LEARNER", "exception"), isCharged: true },
      { row: await submission("FAILED", "LEARNER", "no_train_function"), isCharged: true },
      { row: await submission("FAILED", "LEARNER", null), isCharged: true },
      { row: await submission("ERROR", "PLATFORM", "sandbox_failed"), isCharged: false },
      ...(await Promise.all(HOST_FOUND_FAILURE_CODES.map((code) => submission("FAILED", "LEARNER", code)))).map(
        (row) => ({ row, isCharged: false }),
      ),
    ];
    for (const { row, isCharged } of rows) assert.equal(isChargedAttempt(row), isCharged, JSON.stringify(row));
    assert.equal(await db.submission.count({ where: chargedAttemptsWhere(userId, assignmentId) }), 5);

    // A practice run is a row of its own table: it never meets a submission query.
    await db.practiceRun.create({
      data: {
        userId,
        assignmentId,
        assignmentVersionId: versionId,
        code: "x",
        practiceRows: 1,
        validationRows: 1,
        trainingSeconds: 1,
        status: "FAILED",
      },
    });
    assert.equal(await db.submission.count({ where: chargedAttemptsWhere(userId, assignmentId) }), 5);
  });
});
