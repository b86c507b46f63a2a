// What a grading run takes and gives back, shared by the pipeline's steps and its callers.
import type { AssignmentSpec, GradingReceipt } from "@/lib/assignments/spec-schema";
import type { SubmissionLanguage } from "./compile-submission";

export type FailureKind = "learner" | "platform";

export interface EpochPoint {
  /** Which training run of a multi-seed attempt (1 for the first); absent when the attempt makes one run. */
  run?: number;
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
  | {
      type: "stage";
      stage: "preparing" | "compiling" | "training" | "scoring";
      /** For training and scoring in an attempt of several runs: which run (1 for the first) of how many. */
      run?: number;
      runs?: number;
    }
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
  /** Handed to the learner's train() (the first run's; later runs derive theirs) and recorded in the receipt. */
  seed: number;
  /** Overrides the lab's number of runs (npm run grade --runs, to measure what runs cost); the rule stays the lab's. */
  runs?: number;
  onProgress?: (event: GradeProgress) => void;
}
