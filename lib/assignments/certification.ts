// Certification over several seeds: how many independent training runs a graded attempt makes,
// the rule that turns them into one verdict, and what each run leaves in the receipt. A lab that
// says nothing makes one run, exactly as before, so its spec (and its version's hash) is unchanged.
import { z } from "zod";

export const MAX_CERTIFICATION_RUNS = 5;

/** `certification` in assignment.yaml. */
export const CertificationSpecSchema = z.object({
  /** Independent training runs per graded attempt, each with its own seed. */
  runs: z.number().int().min(1).max(MAX_CERTIFICATION_RUNS),
  /** `mean`: the mean of the runs' metric must clear the threshold; `every`: each run must. */
  rule: z.enum(["mean", "every"]),
});
export type CertificationSpec = z.infer<typeof CertificationSpecSchema>;
export type CertificationRule = CertificationSpec["rule"];

const SINGLE_RUN: CertificationSpec = { runs: 1, rule: "mean" };

/** A lab's certification, with the single run of a lab that does not set one. */
export function certificationOf(spec: { certification?: CertificationSpec }): CertificationSpec {
  return spec.certification ?? SINGLE_RUN;
}

/** One training run of a graded attempt, as the receipt records it. */
export const RunReceiptSchema = z.object({
  /** 1 for the first run. */
  run: z.number().int().min(1),
  /** Seed handed to the learner's code for this run; run 1's is the submission's own seed. */
  seed: z.number().int(),
  /** The lab's metric on the held-out split; null when the run ended before it was scored. */
  score: z.number().nullable(),
  /** Every metric the scorer computed for this run. */
  metrics: z.record(z.string(), z.number()),
  /** Wall-clock milliseconds of this run's sandboxed training. */
  trainingMs: z.number().min(0),
  /** Milliseconds the scorer spent on this run's model. */
  scoringMs: z.number().min(0),
});
export type RunReceipt = z.infer<typeof RunReceiptSchema>;

/** The runs' metric summarised: their mean, sample standard deviation and 95% interval (Student's t). */
export const RunStatisticsSchema = z.object({
  /** Runs that were scored. */
  count: z.number().int().min(1),
  mean: z.number(),
  /** Null for a single run. */
  standardDeviation: z.number().nullable(),
  /** 95% confidence interval of the mean; null for a single run, where none can be drawn. */
  interval: z.object({ low: z.number(), high: z.number() }).nullable(),
});
export type RunStatistics = z.infer<typeof RunStatisticsSchema>;

/** Stored on the submission (its `certification` column) and carried in the receipt. */
export const CertificationRecordSchema = z.object({
  /** The rule the attempt was decided by. */
  rule: z.enum(["mean", "every"]),
  /** Runs the lab asks for; `runs` may hold fewer when a run failed and the rest were not started. */
  plannedRuns: z.number().int().min(1).max(MAX_CERTIFICATION_RUNS),
  runs: z.array(RunReceiptSchema),
  /** Over the scored runs; null when none was scored. */
  statistics: RunStatisticsSchema.nullable(),
});
export type CertificationRecord = z.infer<typeof CertificationRecordSchema>;

/** A stored record, or null for a submission graded before runs were recorded (or not graded yet). */
export function parseCertificationRecord(value: unknown): CertificationRecord | null {
  const parsed = CertificationRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
