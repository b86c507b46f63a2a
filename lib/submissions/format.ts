// How scores and statuses read to people. Shared by the web pages and `npm run submit`, so the
// terminal and the browser describe a result in the same words.
import type { MetricSpec } from "../assignments/spec-schema";

const METRIC_LABELS: Record<MetricSpec["name"], string> = {
  accuracy: "Accuracy",
  "macro-f1": "Macro-F1",
  mse: "Mean squared error",
};

export function metricLabel(name: MetricSpec["name"]): string {
  return METRIC_LABELS[name];
}

/**
 * Accuracy and F1 read as percentages; an error reads as a plain number with enough digits to compare with its
 * threshold.
 */
export function formatMetric(name: MetricSpec["name"], value: number): string {
  if (name === "mse") return value.toPrecision(4);
  return `${(value * 100).toFixed(2)}%`;
}

export const STATUS_TEXT = {
  QUEUED: "Queued",
  RUNNING: "Grading",
  PASSED: "Passed",
  FAILED: "Not passed",
  ERROR: "Could not be graded",
} as const;
export type SubmissionStatusName = keyof typeof STATUS_TEXT;

export function isFinished(status: SubmissionStatusName): boolean {
  return status === "PASSED" || status === "FAILED" || status === "ERROR";
}
