// The HTTP API's contract: every request is parsed and every response checked with these schemas,
// and lib/api/openapi.ts publishes the same schemas, so the document cannot drift from the code.
import { z } from "zod";
import { CertificationRecordSchema } from "../assignments/certification";
import { MAX_SUBMISSION_BYTES, SubmissionInputSchema } from "../submissions/submission-input";

/** Schemas of request bodies, published as they are accepted (defaults make fields optional). */
export const requestSchemas = z.registry<{ id: string; description: string }>();
/** Schemas of response bodies, published as they are sent. */
export const responseSchemas = z.registry<{ id: string; description: string }>();

/** Room for the largest accepted module once JSON-escaped (newlines and quotes double), plus the other fields. */
export const SUBMISSION_BODY_MAX_BYTES = 2 * MAX_SUBMISSION_BYTES + 16_384;

const Timestamp = z.iso.datetime({ offset: true });
const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      /**
       * Stable machine-readable reason: unauthenticated, forbidden, not_found, invalid_input, conflict, rate_limited,
       * payload_too_large, unsupported_media_type.
       */
      code: z.string(),
      /** What went wrong and what to do, for people. */
      message: z.string(),
      /** For invalid_input: the messages for each field that needs correcting. */
      fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    }),
  })
  .register(responseSchemas, {
    id: "Error",
    description: "Every 4xx and 5xx response has this body; 429 responses also carry Retry-After.",
  });

export const AssignmentSummarySchema = z
  .object({
    /** The course the lab belongs to. */
    course: z.object({ slug: Slug, title: z.string() }),
    /** Use with `course` to submit. */
    slug: Slug,
    title: z.string(),
    /** Whether the lab counts towards the certificate. */
    isGraded: z.boolean(),
    /** How the held-out score is judged. */
    metric: z.object({
      name: z.enum(["accuracy", "macro-f1", "mse"]),
      direction: z.enum(["higher", "lower"]),
      threshold: z.number(),
    }),
    /** Training budget the grader enforces. */
    budget: z.object({
      maxEpochs: z.number().int(),
      trainingSeconds: z.number().int(),
      maxCodeBytes: z.number().int(),
    }),
    /** Graded attempts allowed (extensions included), null when unlimited. */
    maxAttempts: z.number().int().nullable(),
    attemptsUsed: z.number().int(),
    attemptsLeft: z.number().int().nullable(),
    /** The caller's deadline (extensions included), null when there is none. */
    deadline: Timestamp.nullable(),
    isPastDeadline: z.boolean(),
  })
  .register(responseSchemas, {
    id: "Assignment",
    description: "A lab of one of the caller's courses, with where the caller stands.",
  });

export const AssignmentListSchema = z
  .object({ assignments: z.array(AssignmentSummarySchema) })
  .register(responseSchemas, {
    id: "AssignmentList",
    description: "Labs of the courses the caller is enrolled in or teaches (every course for admins).",
  });

export const CreateSubmissionRequestSchema = z
  .strictObject({
    /** Course slug. */
    course: SubmissionInputSchema.shape.courseSlug,
    /** Lab slug. */
    assignment: SubmissionInputSchema.shape.assignmentSlug,
    /** The module's source. */
    code: SubmissionInputSchema.shape.code,
    language: SubmissionInputSchema.shape.language,
  })
  .register(requestSchemas, {
    id: "CreateSubmissionRequest",
    description:
      "JSON body of POST /api/v1/submissions. " +
      "The code may instead be sent as the raw text/plain body, " +
      "with course, assignment and language as query parameters.",
  });

const SubmissionStatusEnum = z.enum(["QUEUED", "RUNNING", "PASSED", "FAILED", "ERROR"]);

export const CreatedSubmissionSchema = z
  .object({
    id: z.string(),
    attemptNumber: z.number().int(),
    status: SubmissionStatusEnum,
    /** Poll this for progress and the result. */
    statusUrl: z.string(),
  })
  .register(responseSchemas, {
    id: "CreatedSubmission",
    description: "The submission was recorded and queued for grading.",
  });

export const SubmissionStatusSchema = z
  .object({
    id: z.string(),
    /**
     * QUEUED, then RUNNING while training and scoring, then PASSED, FAILED (the learner's code or score) or ERROR (the
     * platform; not charged).
     */
    status: SubmissionStatusEnum,
    /** While QUEUED: 1 when it is the next to be graded. */
    queuePosition: z.number().int().min(1).nullable(),
    failureKind: z.enum(["LEARNER", "PLATFORM"]).nullable(),
    /** Machine-readable reason: syntax_error, timeout, out_of_memory, below_threshold, worker_lost, ... */
    failureCode: z.string().nullable(),
    message: z.string().nullable(),
    /** The held-out metric, once scored. */
    score: z.number().nullable(),
    threshold: z.number().nullable(),
    metrics: z.record(z.string(), z.number().nullable()).nullable(),
    /** Loss and metrics per finished epoch, growing while training runs. */
    curves: z.array(
      z.object({
        /** The training run it belongs to, in an attempt of several runs (1 for the first). */
        run: z.number().int().optional(),
        epoch: z.number(),
        loss: z.number().nullable(),
        metric: z.number().optional(),
        elapsedMs: z.number().optional(),
      }),
    ),
    /**
     * Once graded: every training run (seed, metric, times), the rule that decided the attempt (`mean` or `every`),
     * and the runs' mean with its sample standard deviation and 95% interval (null for one run).
     */
    certification: CertificationRecordSchema.nullable(),
    /** The sandbox's output. */
    logs: z.string(),
    queuedAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
  })
  .register(responseSchemas, {
    id: "SubmissionStatus",
    description: "Progress and, once finished, the result of one submission.",
  });
