// Rows the instructor and admin integration tests build on: a course of their own with one lab,
// users with the roles and enrolments each authorisation case needs, and submissions in any state.
import crypto from "node:crypto";
import { loadAssignmentSpec } from "../assignments/load-assignment";
import { specSha256 } from "../assignments/spec-hash";
import { db } from "../db";
import type { Role, SubmissionStatus } from "../generated/prisma/enums";
import { closeGradingQueue, getGradingQueue } from "../queue/grading-queue";

export interface TestCourse {
  courseId: string;
  courseSlug: string;
  assignmentId: string;
  assignmentSlug: string;
  versionId: string;
}

export async function makeCourse(
  label: string,
  { maxAttempts = 3 }: { maxAttempts?: number } = {},
): Promise<TestCourse> {
  const spec = loadAssignmentSpec("ml-foundations", "linear-regression");
  const courseSlug = `${label}-${crypto.randomUUID().slice(0, 8)}`;
  const course = await db.course.create({
    data: { slug: courseSlug, title: { en: `Course ${label}` }, summary: { en: "" }, passRule: {} },
  });
  const assignment = await db.assignment.create({
    data: { courseId: course.id, slug: spec.slug, position: 0, title: spec.title },
  });
  const version = await db.assignmentVersion.create({
    data: {
      assignmentId: assignment.id,
      version: 1,
      spec,
      specSha256: specSha256(spec),
      brief: { en: "" },
      starterCode: "",
      maxAttempts,
    },
  });
  return {
    courseId: course.id,
    courseSlug,
    assignmentId: assignment.id,
    assignmentSlug: assignment.slug,
    versionId: version.id,
  };
}

export async function makeUser(
  role: Role,
  enrolIn?: { courseId: string; as: "LEARNER" | "INSTRUCTOR" },
  name = "Test Person",
) {
  const user = await db.user.create({
    data: { email: `${crypto.randomUUID()}@example.com`, name, passwordHash: "unused", role },
  });
  if (enrolIn) await db.enrolment.create({ data: { userId: user.id, courseId: enrolIn.courseId, role: enrolIn.as } });
  return { id: user.id, role, email: user.email, name };
}

export interface SubmissionFixture {
  userId: string;
  status?: SubmissionStatus;
  score?: number | null;
  attemptNumber?: number;
  createdAt?: Date;
}

export async function makeSubmission(
  course: TestCourse,
  { userId, status = "PASSED", score = 0.2, attemptNumber = 1, createdAt }: SubmissionFixture,
) {
  const code = `// ${crypto.randomUUID()}\nexport async function train({ tf }) { return tf.sequential(); }`;
  return db.submission.create({
    data: {
      userId,
      assignmentId: course.assignmentId,
      assignmentVersionId: course.versionId,
      attemptNumber,
      status,
      score: status === "QUEUED" || status === "RUNNING" ? null : score,
      threshold: 0.35,
      failureKind: status === "FAILED" ? "LEARNER" : null,
      code,
      codeSha256: crypto.createHash("sha256").update(code).digest("hex"),
      specSha256: "0".repeat(64),
      graderVersion: status === "QUEUED" ? null : "test-grader",
      backend: status === "QUEUED" ? null : "cpu",
      seed: 1234,
      finishedAt: status === "QUEUED" || status === "RUNNING" ? null : new Date(),
      ...(createdAt ? { createdAt, queuedAt: createdAt } : {}),
    },
  });
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

/** Empties this test file's queue and closes it with its Redis connection, so the test process can exit. */
export async function closeTestQueue(): Promise<void> {
  await getGradingQueue().obliterate({ force: true });
  await closeGradingQueue();
}
