// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes parse with.
// OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what z.toJSONSchema emits.
import { z } from "zod";
// Imported for its registrations: the practice-run schemas join the same registries.
import "./practice-schemas";
import { SUBMISSION_BODY_MAX_BYTES, requestSchemas, responseSchemas } from "./schemas";

type JsonObject = { [key: string]: unknown };

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ "application/json": { schema: ref(id) } });

function componentsOf(registry: typeof requestSchemas, io: "input" | "output"): Record<string, JsonObject> {
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    uri: (id) => `#/components/schemas/${id}`,
    metadata: registry,
  });
  // Each component is embedded in the document, so its own $schema and $id would only confuse tools.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as JsonObject;
      return [id, rest];
    }),
  );
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  401: "No token, or a malformed, unknown, revoked or expired one.",
  403: "The token's owner may not do this.",
  404: "No such resource, or not one the caller may see.",
  409: "The request conflicts with the current state (deadline passed, attempts used up, a practice run still running).",
  413: "The body is too large.",
  415: "The body's content type is not accepted.",
  422: "The input is invalid; fieldErrors names each field.",
  429: "Rate limited.",
  503: "A service the platform needs (the database) is briefly away; retry after Retry-After seconds.",
};

// Every route can meet a database outage, so every route documents the 503.
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    [...statuses, 503].map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status] ?? "Error",
        content: json("Error"),
        ...(status === 429 || status === 503
          ? {
              headers: {
                "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" } },
              },
            }
          : {}),
      },
    ]),
  );

/** How code arrives, for a submission and a practice run alike: JSON, or the module as text with the lab in the query. */
const codeUpload = {
  parameters: [
    {
      name: "course",
      in: "query",
      required: false,
      description: "With a text/plain body: the course slug.",
      schema: { type: "string" },
    },
    {
      name: "assignment",
      in: "query",
      required: false,
      description: "With a text/plain body: the lab slug.",
      schema: { type: "string" },
    },
    {
      name: "language",
      in: "query",
      required: false,
      description: "With a text/plain body: javascript (default) or typescript.",
      schema: { type: "string", enum: ["javascript", "typescript"] },
    },
  ],
  requestBody: {
    required: true,
    content: {
      ...json("CreateSubmissionRequest"),
      "text/plain": {
        schema: {
          type: "string",
          maxLength: SUBMISSION_BODY_MAX_BYTES,
          description: "The module's source; name the lab in the query.",
        },
      },
    },
  },
};

export function buildOpenApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Gradient API",
      version: "1.0.0",
      description:
        "Submit models, follow their grading and, as an instructor, export grades. " +
        "Authenticate with a personal access token from Account → Tokens: `Authorization: Bearer gra_…`. " +
        "The token acts with its owner's current role.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }],
    paths: {
      "/api/v1/assignments": {
        get: {
          operationId: "listAssignments",
          summary: "Labs of the caller's courses, with attempts and deadlines",
          responses: { "200": { description: "The labs.", content: json("AssignmentList") }, ...errors(401, 429) },
        },
      },
      "/api/v1/submissions": {
        post: {
          operationId: "createSubmission",
          summary: "Submit code to a lab; grading starts in the background",
          ...codeUpload,
          responses: {
            "201": { description: "Recorded and queued.", content: json("CreatedSubmission") },
            ...errors(401, 403, 404, 409, 413, 415, 422, 429),
          },
        },
      },
      "/api/v1/submissions/{id}": {
        get: {
          operationId: "getSubmissionStatus",
          summary: "Progress and result of a submission (the caller's own, or one in a course they teach)",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "The submission.", content: json("SubmissionStatus") },
            ...errors(401, 404, 429),
          },
        },
      },
      "/api/v1/practice-runs": {
        post: {
          operationId: "createPracticeRun",
          summary:
            "Check code without grading it: train it in the sandbox on a public practice sample with a short clock " +
            "and score it on a public validation sample. Never graded, never counted as an attempt; " +
            "its own rate limit; queued behind all graded work",
          ...codeUpload,
          responses: {
            "201": { description: "Queued.", content: json("CreatedPracticeRun") },
            ...errors(401, 403, 404, 409, 413, 415, 422, 429),
          },
        },
      },
      "/api/v1/practice-runs/{id}": {
        get: {
          operationId: "getPracticeRun",
          summary: "Progress and result of one of the caller's own practice runs",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "The practice run.", content: json("PracticeRunStatus") },
            ...errors(401, 404, 429),
          },
        },
      },
      "/api/v1/courses/{slug}/grades.csv": {
        get: {
          operationId: "exportGrades",
          summary: "The course's gradebook as CSV (instructors of the course and admins)",
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "One row per learner; per lab the best score, whether it passed, and the attempts used.",
              content: { "text/csv": { schema: { type: "string" } } },
            },
            ...errors(401, 403, 404, 429),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal access token (gra_…)." },
      },
      schemas: { ...componentsOf(requestSchemas, "input"), ...componentsOf(responseSchemas, "output") },
    },
  };
}
