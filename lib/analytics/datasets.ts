// The analytics tables that can be downloaded as CSV, one name per table or chart on the page.
import { z } from "zod";

export const ANALYTICS_DATASETS = [
  "enrolment",
  "labs",
  "lab-attempts",
  "lab-time-to-pass",
  "lab-failures",
  "lab-messages",
  "quiz-items",
  "quiz-choices",
  "exam-scores",
] as const;

/** The `dataset` segment of a CSV download's URL. */
export const AnalyticsDatasetSchema = z.enum(ANALYTICS_DATASETS);
export type AnalyticsDataset = z.infer<typeof AnalyticsDatasetSchema>;
