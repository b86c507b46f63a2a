// What a grading run takes and gives back, shared by the pipeline's steps and its callers.
import type { AssignmentSpec, GradingReceipt } from "@/lib/assignments/spec-schema";
import type { SubmissionLanguage } from "./compile-submission";

export type FailureKind = "learner" | "platform";

export interface EpochPoint {
  epoch: number;
  loss: number | null;
  metric?: number;
  elapsedMs: number;
}

export interface LogLine {
  level: "info" | "warn" | "error";
  text: string;
}

export type GradeProgress =
  | { type: "stage"; stage: "preparing" | "compiling" | "training" | "scoring" }
  | ({ type: "epoch" } & EpochPoint)
  | ({ type: "log" } & LogLine);

export interface GradeResult {
  status: "passed" | "failed" | "error";
  failureKind?: FailureKind;
  failureCode?: string;
  /** What the learner reads: why it passed or failed, and what to do about a failure. */
  message: string;
  metrics: Record<string, number>;
  /** The assignment's metric on the held-out split, when scoring was reached. */
  score: number | null;
  threshold: number;
  /** The learner's console output (capped) and platform warnings, in order. */
  logs: LogLine[];
  /** Loss (and metric) per epoch as the training run reported them. */
  curves: EpochPoint[];
  /** Null only when the platform failed before the data were ready. */
  receipt: GradingReceipt | null;
}

export interface GradeRequest {
  spec: AssignmentSpec;
  code: string;
  /** Defaults to javascript; TypeScript has its types stripped before the sandbox sees it. */
  language?: SubmissionLanguage;
  /** Handed to the learner's train() and recorded in the receipt. */
  seed: number;
  onProgress?: (event: GradeProgress) => void;
}
