// Shared set-up of the API integration tests: a course with one lab, people in every role, and
// requests as the route handlers receive them.
import crypto from "node:crypto";
import { createApiToken } from "../api-tokens/create-api-token";
import { db } from "../db";
import type { CourseRole, Role } from "../generated/prisma/enums";
import { closeGradingQueue } from "../queue/grading-queue";
import { closeRateLimiter } from "./rate-limit";

export const uniqueSlug = (stem: string) => `${stem}-${crypto.randomBytes(4).toString("hex")}`;

/** A fresh made-up client address, so one test's requests never count against another's limits. */
export const uniqueAddress = () =>
  `10.${[0, 0, 0].map(() => crypto.randomInt(256)).join(".")}-${crypto.randomUUID().slice(0, 8)}`;

export async function createCourseWithLab(options: { maxCodeBytes?: number } = {}) {
  const courseSlug = uniqueSlug("course");
  const labSlug = "lab-one";
  const course = await db.course.create({
    data: {
      slug: courseSlug,
      title: { en: "Test course", "zh-CN": "测试课程" },
      summary: { en: "s", "zh-CN": "s" },
      passRule: {},
    },
  });
  const spec = {
    slug: labSlug,
    title: { en: "Lab one", "zh-CN": "实验一" },
    mode: "train",
    dataset: { kind: "synthetic-regression", features: 1, noise: 0.1 },
    split: { trainSize: 100, heldOutSize: 50, seed: 7 },
    metric: { name: "mse", threshold: 0.05, direction: "lower" },
    budget: { maxEpochs: 5, trainingSeconds: 10, maxParameters: 100, maxCodeBytes: options.maxCodeBytes ?? 2000 },
  };
  const assignment = await db.assignment.create({
    data: {
      courseId: course.id,
      slug: labSlug,
      title: spec.title,
      versions: {
        create: {
          version: 1,
          spec,
          specSha256: "0".repeat(64),
          brief: { en: "b", "zh-CN": "b" },
          starterCode: "// start",
        },
      },
    },
    include: { versions: true },
  });
  return { course, assignment, version: assignment.versions[0]!, courseSlug, labSlug };
}

export async function createPerson(role: Role, enrolIn?: { courseId: string; as: CourseRole }) {
  const user = await db.user.create({
    data: {
      email: `${role.toLowerCase()}-${crypto.randomUUID()}@example.com`,
      name: `${role} person`,
      role,
      passwordHash: "not-used",
    },
    select: { id: true, email: true, name: true, role: true },
  });
  if (enrolIn) await db.enrolment.create({ data: { userId: user.id, courseId: enrolIn.courseId, role: enrolIn.as } });
  const { token } = await createApiToken({ user, input: { name: "tests" } });
  return { user, token };
}

interface RequestOptions {
  method?: string;
  token?: string;
  authorization?: string;
  address?: string;
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
}

export function apiRequest(
  path: string,
  {
    method = "GET",
    token,
    authorization,
    address = uniqueAddress(),
    body,
    contentType,
    headers = {},
  }: RequestOptions = {},
): Request {
  const all: Record<string, string> = { "x-forwarded-for": address, ...headers };
  if (token) all.authorization = `Bearer ${token}`;
  if (authorization !== undefined) all.authorization = authorization;
  if (contentType) all["content-type"] = contentType;
  // Node needs duplex "half" to accept a streamed body; the DOM's RequestInit does not know it.
  const init: RequestInit & { duplex?: "half" } = { method, headers: all, body, ...(body ? { duplex: "half" } : {}) };
  return new Request(`http://localhost:3000${path}`, init);
}

export const jsonBody = (value: unknown) => ({ body: JSON.stringify(value), contentType: "application/json" });

/**
 * Rows a rejected request must not have written, in the given courses only: other test files run
 * at the same time against the same database. Outbox jobs are written in the submission's own
 * transaction, so they follow the submissions.
 */
export async function countWrites(courseIds: string[]) {
  const [submissions, audit] = await Promise.all([
    db.submission.count({ where: { assignment: { courseId: { in: courseIds } } } }),
    db.auditLog.count({ where: { courseId: { in: courseIds } } }),
  ]);
  return { submissions, audit };
}

export async function closeConnections(): Promise<void> {
  await closeGradingQueue();
  await closeRateLimiter();
  await db.$disconnect();
}
