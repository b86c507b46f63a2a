// The /api/v1 route handlers, called as Next calls them, against the run's own Postgres and
// Redis. Every person and client address is fresh, so the tests cannot trip each other's limits.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { GET as listAssignmentsRoute } from "../../app/api/v1/assignments/route";
import { GET as exportGradesRoute } from "../../app/api/v1/courses/[slug]/grades.csv/route";
import { GET as getSubmissionRoute } from "../../app/api/v1/submissions/[id]/route";
import { POST as createSubmissionRoute } from "../../app/api/v1/submissions/route";
import { GET as openApiRoute } from "../../app/api/openapi.json/route";
import { createApiToken } from "../api-tokens/create-api-token";
import { revokeApiToken } from "../api-tokens/revoke-api-token";
import { db } from "../db";
import { FAILED_TOKENS_PER_ADDRESS, SUBMISSIONS_PER_ACCOUNT } from "./rate-limit";
import { ErrorResponseSchema } from "./schemas";
import {
  apiRequest,
  closeConnections,
  countWrites,
  createCourseWithLab,
  createPerson,
  jsonBody,
  uniqueAddress,
} from "./test-fixtures";

after(closeConnections);

const VALID_CODE = "export function buildModel(tf) { return tf.sequential(); }\n";

type Fixture = Awaited<ReturnType<typeof setUp>>;
let fixture: Fixture;

async function setUp() {
  const lab = await createCourseWithLab();
  const otherLab = await createCourseWithLab();
  const learner = await createPerson("LEARNER", { courseId: lab.course.id, as: "LEARNER" });
  const otherLearner = await createPerson("LEARNER", { courseId: lab.course.id, as: "LEARNER" });
  const instructor = await createPerson("INSTRUCTOR", { courseId: lab.course.id, as: "INSTRUCTOR" });
  const otherInstructor = await createPerson("INSTRUCTOR", { courseId: otherLab.course.id, as: "INSTRUCTOR" });
  const admin = await createPerson("ADMIN");
  const revoked = await createApiToken({ user: learner.user, input: { name: "revoked" } });
  await revokeApiToken({ user: learner.user, tokenId: revoked.id });
  const expired = await createApiToken({ user: learner.user, input: { name: "expired", expiresInDays: "7" } });
  await db.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const submission = await db.submission.create({
    data: {
      userId: learner.user.id,
      assignmentId: lab.assignment.id,
      assignmentVersionId: lab.version.id,
      attemptNumber: 1,
      code: VALID_CODE,
      codeSha256: "0".repeat(64),
      specSha256: "0".repeat(64),
      status: "PASSED",
      score: 0.012,
      threshold: 0.05,
      metrics: { mse: 0.012 },
      curves: [
        { epoch: 1, loss: 0.4 },
        { epoch: 2, loss: 0.02 },
      ],
      startedAt: new Date(),
      finishedAt: new Date(),
    },
  });
  return {
    lab,
    otherLab,
    learner,
    otherLearner,
    instructor,
    otherInstructor,
    admin,
    revokedToken: revoked.token,
    expiredToken: expired.token,
    submission,
  };
}

before(async () => {
  fixture = await setUp();
});

const courseIds = () => [fixture.lab.course.id, fixture.otherLab.course.id];

async function errorOf(response: Response) {
  return ErrorResponseSchema.parse(await response.json()).error;
}

const routes = {
  assignments: (token?: string) => listAssignmentsRoute(apiRequest("/api/v1/assignments", { token })),
  submit: (token?: string) =>
    createSubmissionRoute(
      apiRequest("/api/v1/submissions", {
        method: "POST",
        token,
        ...jsonBody({ course: fixture.lab.courseSlug, assignment: fixture.lab.labSlug, code: VALID_CODE }),
      }),
    ),
  submission: (token?: string) =>
    getSubmissionRoute(apiRequest(`/api/v1/submissions/${fixture.submission.id}`, { token }), {
      params: Promise.resolve({ id: fixture.submission.id }),
    }),
  grades: (token?: string) =>
    exportGradesRoute(apiRequest(`/api/v1/courses/${fixture.lab.courseSlug}/grades.csv`, { token }), {
      params: Promise.resolve({ slug: fixture.lab.courseSlug }),
    }),
};
type RouteName = keyof typeof routes;

describe("authorisation matrix", () => {
  const cases: { who: string; token: () => string | undefined; expected: Record<RouteName, number> }[] = [
    {
      who: "anonymous",
      token: () => undefined,
      expected: { assignments: 401, submit: 401, submission: 401, grades: 401 },
    },
    {
      who: "a made-up token",
      token: () => `gra_${"A".repeat(43)}`,
      expected: { assignments: 401, submit: 401, submission: 401, grades: 401 },
    },
    {
      who: "a revoked token",
      token: () => fixture.revokedToken,
      expected: { assignments: 401, submit: 401, submission: 401, grades: 401 },
    },
    {
      who: "an expired token",
      token: () => fixture.expiredToken,
      expected: { assignments: 401, submit: 401, submission: 401, grades: 401 },
    },
    {
      who: "the learner",
      token: () => fixture.learner.token,
      expected: { assignments: 200, submit: 201, submission: 200, grades: 403 },
    },
    {
      who: "another learner",
      token: () => fixture.otherLearner.token,
      expected: { assignments: 200, submit: 201, submission: 404, grades: 403 },
    },
    {
      who: "an instructor of another course",
      token: () => fixture.otherInstructor.token,
      expected: { assignments: 200, submit: 403, submission: 404, grades: 403 },
    },
    {
      who: "the course's instructor",
      token: () => fixture.instructor.token,
      expected: { assignments: 200, submit: 201, submission: 200, grades: 200 },
    },
    {
      who: "an admin",
      token: () => fixture.admin.token,
      expected: { assignments: 200, submit: 201, submission: 200, grades: 200 },
    },
  ];
  for (const { who, token, expected } of cases) {
    for (const route of Object.keys(expected) as RouteName[]) {
      test(`${route} as ${who} → ${expected[route]}`, async () => {
        const before = await countWrites(courseIds());
        const response = await routes[route](token());
        assert.equal(response.status, expected[route], await response.clone().text());
        if (expected[route] >= 400) {
          const error = await errorOf(response);
          assert.ok(error.message.length > 10, "the error says what went wrong");
          if (expected[route] === 401) assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer/);
          assert.deepEqual(await countWrites(courseIds()), before, "a refused request writes nothing");
        }
      });
    }
  }
});

describe("GET /api/v1/assignments", () => {
  test("lists the caller's labs with metric, budget and attempts", async () => {
    const response = await routes.assignments(fixture.otherInstructor.token);
    const { assignments } = (await response.json()) as {
      assignments: { course: { slug: string }; slug: string; metric: { name: string }; attemptsLeft: number | null }[];
    };
    assert.deepEqual(
      assignments.map((lab) => lab.course.slug),
      [fixture.otherLab.courseSlug],
      "only the caller's own course",
    );
    assert.equal(assignments[0]?.metric.name, "mse");
    assert.equal(assignments[0]?.attemptsLeft, null);
  });
});

describe("POST /api/v1/submissions", () => {
  test("accepts JSON, records an API submission with its grading job, and points at its status", async () => {
    const person = await createPerson("LEARNER", { courseId: fixture.lab.course.id, as: "LEARNER" });
    const response = await createSubmissionRoute(
      apiRequest("/api/v1/submissions", {
        method: "POST",
        token: person.token,
        ...jsonBody({
          course: fixture.lab.courseSlug,
          assignment: fixture.lab.labSlug,
          code: VALID_CODE,
          language: "typescript",
        }),
      }),
    );
    assert.equal(response.status, 201);
    const body = (await response.json()) as { id: string; status: string; statusUrl: string; attemptNumber: number };
    assert.equal(body.status, "QUEUED");
    assert.equal(body.attemptNumber, 1);
    assert.equal(response.headers.get("location"), body.statusUrl);
    const row = await db.submission.findUniqueOrThrow({ where: { id: body.id } });
    assert.equal(row.source, "API");
    assert.equal(row.language, "typescript");
    assert.equal(await db.outboxJob.count({ where: { payload: { equals: { submissionId: body.id } } } }), 1);

    const status = await getSubmissionRoute(apiRequest(body.statusUrl, { token: person.token }), {
      params: Promise.resolve({ id: body.id }),
    });
    assert.equal(status.status, 200);
    assert.equal(((await status.json()) as { status: string }).status, "QUEUED");
  });

  test("accepts raw code as text/plain with the lab in the query", async () => {
    const person = await createPerson("LEARNER", { courseId: fixture.lab.course.id, as: "LEARNER" });
    const response = await createSubmissionRoute(
      apiRequest(`/api/v1/submissions?course=${fixture.lab.courseSlug}&assignment=${fixture.lab.labSlug}`, {
        method: "POST",
        token: person.token,
        body: VALID_CODE,
        contentType: "text/javascript; charset=utf-8",
      }),
    );
    assert.equal(response.status, 201, await response.clone().text());
  });

  test(`refuses the ${SUBMISSIONS_PER_ACCOUNT.limit + 1}th submission in a minute with a 429 and Retry-After`, async () => {
    const person = await createPerson("LEARNER", { courseId: fixture.lab.course.id, as: "LEARNER" });
    const submit = () =>
      createSubmissionRoute(
        apiRequest("/api/v1/submissions", {
          method: "POST",
          token: person.token,
          ...jsonBody({ course: fixture.lab.courseSlug, assignment: fixture.lab.labSlug, code: VALID_CODE }),
        }),
      );
    for (let i = 0; i < SUBMISSIONS_PER_ACCOUNT.limit; i++) assert.equal((await submit()).status, 201);
    const before = await countWrites(courseIds());
    const refused = await submit();
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= SUBMISSIONS_PER_ACCOUNT.windowSeconds, `Retry-After ${retryAfter}`);
    const error = await errorOf(refused);
    assert.equal(error.code, "rate_limited");
    assert.match(error.message, /submitting too often.*Try again in \d+ seconds?/);
    assert.deepEqual(await countWrites(courseIds()), before);
  });
});

describe("token guessing", () => {
  test(`after ${FAILED_TOKENS_PER_ADDRESS.limit} bad tokens an address is refused with 429, even with a good token`, async () => {
    const address = uniqueAddress();
    for (let i = 0; i < FAILED_TOKENS_PER_ADDRESS.limit; i++) {
      const response = await listAssignmentsRoute(
        apiRequest("/api/v1/assignments", { token: `gra_${String(i).padStart(43, "x")}`, address }),
      );
      assert.equal(response.status, 401);
    }
    const blocked = await listAssignmentsRoute(
      apiRequest("/api/v1/assignments", { token: fixture.learner.token, address }),
    );
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get("retry-after")) > 0);
    const elsewhere = await listAssignmentsRoute(
      apiRequest("/api/v1/assignments", { token: fixture.learner.token, address: uniqueAddress() }),
    );
    assert.equal(elsewhere.status, 200, "other addresses are unaffected");
  });
});

describe("GET /api/v1/courses/:slug/grades.csv", () => {
  test("exports each learner's best score, pass state and certificate, with formulas defused", async () => {
    const lab = await createCourseWithLab();
    const instructor = await createPerson("INSTRUCTOR", { courseId: lab.course.id, as: "INSTRUCTOR" });
    const good = await createPerson("LEARNER", { courseId: lab.course.id, as: "LEARNER" });
    const sneaky = await createPerson("LEARNER", { courseId: lab.course.id, as: "LEARNER" });
    await db.user.update({ where: { id: good.user.id }, data: { name: 'Ann, the "good"' } });
    await db.user.update({ where: { id: sneaky.user.id }, data: { name: '=HYPERLINK("http://evil")' } });
    const base = {
      assignmentId: lab.assignment.id,
      assignmentVersionId: lab.version.id,
      code: VALID_CODE,
      codeSha256: "0".repeat(64),
      specSha256: "0".repeat(64),
    };
    await db.submission.createMany({
      data: [
        { ...base, userId: good.user.id, attemptNumber: 1, status: "FAILED", failureKind: "LEARNER", score: 0.3 },
        { ...base, userId: good.user.id, attemptNumber: 2, status: "PASSED", score: 0.01 },
        { ...base, userId: good.user.id, attemptNumber: 3, status: "ERROR", failureKind: "PLATFORM" },
      ],
    });
    const response = await exportGradesRoute(
      apiRequest(`/api/v1/courses/${lab.courseSlug}/grades.csv`, { token: instructor.token }),
      { params: Promise.resolve({ slug: lab.courseSlug }) },
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/csv/);
    assert.match(response.headers.get("content-disposition") ?? "", new RegExp(`${lab.courseSlug}-grades\\.csv`));
    const lines = (await response.text()).trimEnd().split("\r\n");
    assert.deepEqual(lines[0], "learner,email,lab:lab-one best,lab:lab-one passed,certificate");
    assert.equal(lines.length, 3);
    assert.ok(lines.includes(`"Ann, the ""good""",${good.user.email},0.01,yes,none`), lines.join("\n"));
    assert.ok(lines.includes(`"'=HYPERLINK(""http://evil"")",${sneaky.user.email},,,none`), lines.join("\n"));
  });
});

describe("GET /api/openapi.json", () => {
  test("documents every route and the schemas they use", async () => {
    const document = (await openApiRoute().json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    assert.equal(document.openapi, "3.1.0");
    assert.deepEqual(Object.keys(document.paths).sort(), [
      "/api/v1/assignments",
      "/api/v1/courses/{slug}/grades.csv",
      "/api/v1/practice-runs",
      "/api/v1/practice-runs/{id}",
      "/api/v1/submissions",
      "/api/v1/submissions/{id}",
    ]);
    for (const id of [
      "Error",
      "Assignment",
      "AssignmentList",
      "CreateSubmissionRequest",
      "CreatedSubmission",
      "SubmissionStatus",
      "CreatedPracticeRun",
      "PracticeRunStatus",
    ]) {
      assert.ok(document.components.schemas[id], `schema ${id}`);
    }
    const request = document.components.schemas.CreateSubmissionRequest as { required: string[] };
    assert.deepEqual(
      request.required.sort(),
      ["assignment", "code", "course"],
      "defaults make language optional in requests",
    );
    const references = JSON.stringify(document).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const reference of references)
      assert.ok(document.components.schemas[reference.split("/").at(-1) ?? ""], `${reference} resolves`);
  });
});
