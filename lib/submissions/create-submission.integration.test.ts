// createSubmission against the run's own Postgres and Redis: every rejection says why and writes
// nothing, and the submission and its outbox row are written together.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, test } from "node:test";
import { loadAssignmentSpec } from "../assignments/load-assignment";
import { specSha256 } from "../assignments/spec-hash";
import { db } from "../db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { closeGradingQueue, getGradingQueue } from "../queue/grading-queue";
import { createSubmission } from "./create-submission";
import { getSubmission } from "./get-submission";
import { readUploadedModule } from "./submission-input";

const courseSlug = `submit-test-${crypto.randomUUID().slice(0, 8)}`;
const CODE = "export async function train({ tf }) { return tf.sequential(); }";
let courseId = "";
let assignmentId = "";

async function makeUser(role: "LEARNER" | "INSTRUCTOR" | "ADMIN" = "LEARNER", enrolAs?: "LEARNER" | "INSTRUCTOR") {
  const user = await db.user.create({
    data: { email: `${crypto.randomUUID()}@example.com`, name: "Test", passwordHash: "unused", role },
  });
  if (enrolAs) await db.enrolment.create({ data: { userId: user.id, courseId, role: enrolAs } });
  return { id: user.id, role };
}

const input = (overrides: Record<string, unknown> = {}) => ({
  courseSlug,
  assignmentSlug: "linear-regression",
  code: CODE,
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail("expected a rejection");
}

before(async () => {
  const spec = { ...loadAssignmentSpec("ml-foundations", "linear-regression"), maxAttempts: 2 };
  const course = await db.course.create({
    data: { slug: courseSlug, title: { en: "Submit test" }, summary: { en: "" }, passRule: {} },
  });
  courseId = course.id;
  const assignment = await db.assignment.create({
    data: { courseId, slug: spec.slug, position: 0, title: spec.title },
  });
  assignmentId = assignment.id;
  await db.assignmentVersion.create({
    data: {
      assignmentId,
      version: 1,
      spec,
      specSha256: specSha256(spec),
      brief: { en: "", "zh-CN": "" },
      starterCode: "",
      maxAttempts: 2,
    },
  });
});

after(async () => {
  await getGradingQueue().obliterate({ force: true });
  await closeGradingQueue();
  await db.$disconnect();
});

describe("createSubmission", () => {
  test("writes the submission, its receipt hash and its outbox row, and enqueues the job", async () => {
    const learner = await makeUser("LEARNER", "LEARNER");
    const submission = await createSubmission(learner, input());
    assert.equal(submission.status, "QUEUED");
    assert.equal(submission.attemptNumber, 1);
    const row = await db.submission.findUniqueOrThrow({ where: { id: submission.id } });
    assert.equal(row.codeSha256, crypto.createHash("sha256").update(CODE).digest("hex"));
    const outbox = await db.outboxJob.findFirstOrThrow({
      where: { payload: { path: ["submissionId"], equals: submission.id } },
    });
    // The answer does not wait for Redis; the enqueue follows it.
    for (
      let waited = 0;
      (await db.outboxJob.findUniqueOrThrow({ where: { id: outbox.id } })).state !== "ENQUEUED";
      waited += 50
    ) {
      assert.ok(waited < 5_000, "the job was enqueued within 5 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(await getGradingQueue().getJob(outbox.id));
  });

  test("names the problem with the input and writes nothing", async () => {
    const learner = await makeUser("LEARNER", "LEARNER");
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ code: "  " }, "code", /empty/],
      [{ code: 42 }, "code", /as text/],
      [{ code: "a\u0000b" }, "code", /binary/],
      [{ code: "x".repeat(20_001) }, "code", /at most 20000/],
      [{ language: "python" }, "language", /./],
      [{ assignmentSlug: "../../etc" }, "assignmentSlug", /Unknown lab/],
    ];
    for (const [overrides, field, message] of cases) {
      const error = await rejection(createSubmission(learner, input(overrides)));
      assert.ok(error instanceof ValidationError, `${JSON.stringify(overrides).slice(0, 60)}: ${String(error)}`);
      assert.match(error.fieldErrors[field]?.join(" ") ?? "", message);
    }
    assert.equal(await db.submission.count({ where: { userId: learner.id } }), 0);
  });

  test("refuses learners who are not enrolled, and labs that do not exist", async () => {
    const outsider = await makeUser("LEARNER");
    assert.ok((await rejection(createSubmission(outsider, input()))) instanceof ForbiddenError);
    const learner = await makeUser("LEARNER", "LEARNER");
    assert.ok(
      (await rejection(createSubmission(learner, input({ assignmentSlug: "no-such-lab" })))) instanceof NotFoundError,
    );
  });

  test("two submissions racing for the last attempt: exactly one is accepted", async () => {
    const learner = await makeUser("LEARNER", "LEARNER");
    await createSubmission(learner, input());
    const results = await Promise.allSettled([createSubmission(learner, input()), createSubmission(learner, input())]);
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 1);
    const refused = results.find((result) => result.status === "rejected");
    assert.ok(refused && refused.reason instanceof ConflictError);
    assert.match(refused.reason.message, /all 2 attempts/);
  });

  test("platform failures do not use up attempts, and an extension adds attempts and time", async () => {
    const learner = await makeUser("LEARNER", "LEARNER");
    const first = await createSubmission(learner, input());
    await db.submission.update({ where: { id: first.id }, data: { status: "ERROR", failureKind: "PLATFORM" } });
    const second = await createSubmission(learner, input());
    assert.equal(second.attemptNumber, 1);
    await createSubmission(learner, input());
    assert.ok((await rejection(createSubmission(learner, input()))) instanceof ConflictError);
    await db.assignmentExtension.create({
      data: { assignmentId, userId: learner.id, extraAttempts: 1, reason: "illness", grantedById: learner.id },
    });
    assert.equal((await createSubmission(learner, input())).attemptNumber, 3);
  });

  test("a past deadline refuses with the date", async () => {
    const learner = await makeUser("LEARNER", "LEARNER");
    await db.assignmentExtension.create({
      data: {
        assignmentId,
        userId: learner.id,
        deadline: new Date("2020-01-01T00:00:00Z"),
        extraAttempts: 0,
        reason: "test",
        grantedById: learner.id,
      },
    });
    const error = await rejection(createSubmission(learner, input()));
    assert.ok(error instanceof ConflictError);
    assert.match(error.message, /deadline .* 2020-01-01 00:00 UTC/);
  });
});

describe("getSubmission", () => {
  test("the owner, the course's instructor and an admin see it; another learner and another course's instructor get 404", async () => {
    const owner = await makeUser("LEARNER", "LEARNER");
    const { id } = await createSubmission(owner, input());
    assert.equal((await getSubmission(owner, id)).isOwner, true);
    assert.equal((await getSubmission(await makeUser("INSTRUCTOR", "INSTRUCTOR"), id)).isOwner, false);
    assert.ok(await getSubmission(await makeUser("ADMIN"), id));
    for (const viewer of [
      await makeUser("LEARNER", "LEARNER"),
      await makeUser("INSTRUCTOR"),
      await makeUser("INSTRUCTOR", "LEARNER"),
    ]) {
      assert.ok((await rejection(getSubmission(viewer, id))) instanceof NotFoundError);
    }
    assert.ok((await rejection(getSubmission(owner, "../../x"))) instanceof NotFoundError);
  });
});

describe("readUploadedModule", () => {
  test("accepts one .js/.mjs/.ts module of valid UTF-8 and says what is wrong otherwise", () => {
    assert.deepEqual(readUploadedModule("model.ts", Buffer.from("const a: number = 1;")), {
      code: "const a: number = 1;",
      language: "typescript",
    });
    assert.equal(Object.hasOwn(readUploadedModule("model.mjs", Buffer.from("x")), "code"), true);
    assert.match((readUploadedModule("model.py", Buffer.from("x")) as { error: string }).error, /\.js, \.mjs or \.ts/);
    assert.match((readUploadedModule("model.js", Buffer.from([0xff, 0xfe, 0x00])) as { error: string }).error, /UTF-8/);
    assert.match((readUploadedModule("model.js", Buffer.alloc(1_000_001, 97)) as { error: string }).error, /larger/);
  });
});
