// Every /api/v1 route fed invalid, oversized and malformed input: each answer is a 4xx with a
// message that says what to fix, never a 500, and nothing is written.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { GET as listAssignmentsRoute } from "../../app/api/v1/assignments/route";
import { GET as exportGradesRoute } from "../../app/api/v1/courses/[slug]/grades.csv/route";
import { GET as getSubmissionRoute } from "../../app/api/v1/submissions/[id]/route";
import { POST as createSubmissionRoute } from "../../app/api/v1/submissions/route";
import { MAX_SUBMISSION_BYTES } from "../submissions/submission-input";
import { ErrorResponseSchema, SUBMISSION_BODY_MAX_BYTES } from "./schemas";
import {
  apiRequest,
  closeConnections,
  countWrites,
  createCourseWithLab,
  createPerson,
  jsonBody,
} from "./test-fixtures";

after(closeConnections);

let lab: Awaited<ReturnType<typeof createCourseWithLab>>;
let learner: Awaited<ReturnType<typeof createPerson>>;
let admin: Awaited<ReturnType<typeof createPerson>>;

before(async () => {
  lab = await createCourseWithLab({ maxCodeBytes: 500 });
  learner = await createPerson("LEARNER", { courseId: lab.course.id, as: "LEARNER" });
  admin = await createPerson("ADMIN");
});

async function assertRefused(response: Response, status: number | RegExp, messagePattern?: RegExp) {
  const text = await response.text();
  if (typeof status === "number") assert.equal(response.status, status, text);
  else assert.match(String(response.status), status, text);
  const { error } = ErrorResponseSchema.parse(JSON.parse(text));
  assert.ok(error.message.length > 10, `a useful message, not "${error.message}"`);
  if (messagePattern) assert.match(`${error.message} ${JSON.stringify(error.fieldErrors ?? {})}`, messagePattern);
  return error;
}

/** A stream that never ends, as a client could send with chunked encoding. */
function endlessBody(): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(97);
  return new ReadableStream({ pull: (controller) => controller.enqueue(chunk) });
}

describe("POST /api/v1/submissions with bad bodies", () => {
  const valid = () => ({ course: lab.courseSlug, assignment: lab.labSlug, code: "export const x = 1;" });
  const cases: { name: string; request: () => Request; status: number; message?: RegExp }[] = [
    // A string body would get text/plain from the Request constructor; bytes get no type at all.
    {
      name: "no content type",
      request: () => post({ body: new TextEncoder().encode("{}") }),
      status: 415,
      message: /application\/json/,
    },
    {
      name: "an unsupported content type",
      request: () => post({ body: "a=b", contentType: "application/x-www-form-urlencoded" }),
      status: 415,
    },
    {
      name: "truncated JSON",
      request: () => post({ body: '{"course": "x", ', contentType: "application/json" }),
      status: 422,
      message: /not valid JSON/,
    },
    {
      name: "an empty JSON body",
      request: () => post({ body: "", contentType: "application/json" }),
      status: 422,
      message: /not valid JSON/,
    },
    { name: "JSON null", request: () => post(jsonBody(null)), status: 422 },
    { name: "a JSON array", request: () => post(jsonBody([valid()])), status: 422 },
    { name: "a JSON string", request: () => post(jsonBody("export const x = 1;")), status: 422 },
    {
      name: "deeply nested JSON",
      request: () => post({ body: "[".repeat(200_000) + "]".repeat(200_000), contentType: "application/json" }),
      status: 422,
    },
    {
      name: "wrong types",
      request: () => post(jsonBody({ course: 1, assignment: ["lab"], code: { a: 1 } })),
      status: 422,
      message: /course.*assignment.*code/s,
    },
    {
      name: "a missing field",
      request: () => post(jsonBody({ course: lab.courseSlug, code: "x" })),
      status: 422,
      message: /assignment/,
    },
    {
      name: "an unknown field",
      request: () => post(jsonBody({ ...valid(), extra: true })),
      status: 422,
      message: /extra/,
    },
    {
      name: "a __proto__ key",
      request: () =>
        post({
          body:
            `{"__proto__": {"isAdmin": true}, "course": "${lab.courseSlug}", ` +
            `"assignment": "${lab.labSlug}", "code": "x"}`,
          contentType: "application/json",
        }),
      status: 422,
    },
    {
      name: "an unknown language",
      request: () => post(jsonBody({ ...valid(), language: "python" })),
      status: 422,
      message: /language/,
    },
    { name: "empty code", request: () => post(jsonBody({ ...valid(), code: "   " })), status: 422, message: /empty/ },
    {
      name: "binary code",
      request: () => post(jsonBody({ ...valid(), code: "abc\u0000def" })),
      status: 422,
      message: /binary/,
    },
    {
      name: "a path-like course slug",
      request: () => post(jsonBody({ ...valid(), course: "../../etc" })),
      status: 422,
      message: /Unknown course/,
    },
    {
      name: "code over the lab's own limit",
      request: () => post(jsonBody({ ...valid(), code: "x".repeat(600) })),
      status: 422,
      message: /at most 500/,
    },
    {
      name: "code over the platform ceiling",
      request: () => post(jsonBody({ ...valid(), code: "x".repeat(MAX_SUBMISSION_BYTES + 1) })),
      status: 422,
      message: /larger than/,
    },
    {
      name: "a body over the size limit",
      request: () => post(jsonBody({ ...valid(), code: "x".repeat(SUBMISSION_BODY_MAX_BYTES) })),
      status: 413,
      message: /larger than/,
    },
    { name: "an endless body", request: () => post({ body: endlessBody(), contentType: "text/plain" }), status: 413 },
    {
      name: "a Content-Length over the limit",
      request: () =>
        post({
          body: "x",
          contentType: "text/plain",
          headers: { "content-length": String(10 * SUBMISSION_BODY_MAX_BYTES) },
        }),
      status: 413,
    },
    {
      name: "text that is not UTF-8",
      request: () => post({ body: new Uint8Array([0xff, 0xfe, 0x41]), contentType: "text/plain", query: true }),
      status: 422,
      message: /UTF-8/,
    },
    {
      name: "raw code without the lab in the query",
      request: () => post({ body: "export const x = 1;", contentType: "text/plain" }),
      status: 422,
      message: /course/,
    },
    {
      name: "an unknown lab",
      request: () => post(jsonBody({ ...valid(), assignment: "no-such-lab" })),
      status: 404,
      message: /no such lab/,
    },
  ];

  function post({
    query,
    ...options
  }: {
    body?: BodyInit;
    contentType?: string;
    headers?: Record<string, string>;
    query?: boolean;
  }): Request {
    const search = query ? `?course=${lab.courseSlug}&assignment=${lab.labSlug}` : "";
    return apiRequest(`/api/v1/submissions${search}`, { method: "POST", token: learner.token, ...options });
  }

  for (const { name, request, status, message } of cases) {
    test(`${name} → ${status}`, async () => {
      const before = await countWrites([lab.course.id]);
      await assertRefused(await createSubmissionRoute(request()), status, message);
      assert.deepEqual(await countWrites([lab.course.id]), before);
    });
  }

  test("an invalid body is refused before it counts against the submission limit", async () => {
    for (let i = 0; i < 10; i++) await assertRefused(await createSubmissionRoute(post(jsonBody({}))), 422);
    const response = await createSubmissionRoute(post(jsonBody(valid())));
    assert.equal(response.status, 201, await response.text());
  });
});

describe("bad Authorization headers on every route", () => {
  const headers = [
    "Basic dXNlcjpwYXNz",
    "Bearer",
    "Bearer ",
    "bearer gra_short",
    `Bearer ${"x".repeat(10_000)}`,
    "Bearer gra_a gra_b",
    "gra_" + "A".repeat(43),
  ];
  const callers = {
    assignments: (authorization: string) => listAssignmentsRoute(apiRequest("/api/v1/assignments", { authorization })),
    submit: (authorization: string) =>
      createSubmissionRoute(apiRequest("/api/v1/submissions", { method: "POST", authorization, ...jsonBody({}) })),
    submission: (authorization: string) =>
      getSubmissionRoute(apiRequest("/api/v1/submissions/abc", { authorization }), {
        params: Promise.resolve({ id: "abcdefghijk" }),
      }),
    grades: (authorization: string) =>
      exportGradesRoute(apiRequest(`/api/v1/courses/${lab.courseSlug}/grades.csv`, { authorization }), {
        params: Promise.resolve({ slug: lab.courseSlug }),
      }),
  };
  for (const [route, call] of Object.entries(callers)) {
    test(`${route} → 401 for each`, async () => {
      for (const header of headers) await assertRefused(await call(header), 401, /token/);
    });
  }
});

describe("malformed path parameters", () => {
  const ids = [
    "",
    "../../etc/passwd",
    "x".repeat(10_000),
    "ABCDEFGHIJKLMNOP",
    "abc%00def",
    "' OR 1=1 --",
    "ölçü-ünïcødé",
  ];
  test("GET /api/v1/submissions/:id → 404 for each, even as an admin", async () => {
    for (const id of ids) {
      const response = await getSubmissionRoute(apiRequest("/api/v1/submissions/x", { token: admin.token }), {
        params: Promise.resolve({ id }),
      });
      await assertRefused(response, 404, /no such submission/);
    }
  });
  test("GET /api/v1/courses/:slug/grades.csv → 404 for each, even as an admin", async () => {
    for (const slug of [...ids, "Course", "a--b"]) {
      const response = await exportGradesRoute(apiRequest("/api/v1/courses/x/grades.csv", { token: admin.token }), {
        params: Promise.resolve({ slug }),
      });
      await assertRefused(response, 404, /no such course/);
    }
  });
  test("GET /api/v1/assignments ignores query parameters it does not use", async () => {
    const response = await listAssignmentsRoute(
      apiRequest("/api/v1/assignments?limit=-1&course[$ne]=x", { token: learner.token }),
    );
    assert.equal(response.status, 200);
  });
});
