// The HTTP API's contract for practice runs ("Check my code"): published in the OpenAPI document
// beside the submission schemas (lib/api/schemas.ts), through the same registries.
import { z } from "zod";
import { responseSchemas } from "./schemas";

const Timestamp = z.iso.datetime({ offset: true });

const PracticeStatusEnum = z.enum(["QUEUED", "RUNNING", "COMPLETED", "FAILED", "ERROR"]);

/** How big and how long the run is: public rows of the lab's training split only. */
const PracticeBudgetFields = {
  /** Training rows the code trains on (a public sample of the TRAIN split). */
  practiceRows: z.number().int(),
  /** Other TRAIN rows the metric is computed on; never the held-out split. */
  validationRows: z.number().int(),
  /** The short training clock of a practice run. */
  trainingSeconds: z.number().int(),
};

export const CreatedPracticeRunSchema = z
  .object({
    id: z.string(),
    status: PracticeStatusEnum,
    /** Poll this for progress and the result. */
    statusUrl: z.string(),
    ...PracticeBudgetFields,
  })
  .register(responseSchemas, {
    id: "CreatedPracticeRun",
    description: "The practice run was queued. It is never graded and never counts as an attempt.",
  });

export const PracticeRunStatusSchema = z
  .object({
    id: z.string(),
    /**
     * QUEUED (graded work goes first), RUNNING, then COMPLETED (it trained and was scored), FAILED (the code did not
     * get there) or ERROR (the platform's).
     */
    status: PracticeStatusEnum,
    /** Machine-readable reason: syntax_error, unavailable_import, no_train_export, exception, timeout, ... */
    failureCode: z.string().nullable(),
    message: z.string().nullable(),
    /** Where a parse error or an unavailable import is in the source, 1-based. */
    errorLine: z.number().int().nullable(),
    errorColumn: z.number().int().nullable(),
    /** The lab's metric, named by metricName, on the validation sample. */
    metricName: z.enum(["accuracy", "macro-f1", "mse"]),
    metricValue: z.number().nullable(),
    metrics: z.record(z.string(), z.number()).nullable(),
    /** The output shape the scorer accepted, e.g. [batch, 10]. */
    outputShape: z.string().nullable(),
    parameters: z.number().int().nullable(),
    /** Loss and metrics per finished epoch, growing while training runs. */
    curves: z.array(
      z.object({
        epoch: z.number(),
        loss: z.number().nullable(),
        metric: z.number().optional(),
        elapsedMs: z.number().optional(),
      }),
    ),
    /** What the code printed. */
    logs: z.string(),
    ...PracticeBudgetFields,
    queuedAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
  })
  .register(responseSchemas, {
    id: "PracticeRunStatus",
    description: "Progress and, once finished, the result of one practice run (practice: not graded, not counted).",
  });
