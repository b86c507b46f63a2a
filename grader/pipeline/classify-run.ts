// Whose fault a training run's failure is, decided from what the grader itself observed. The
// sandbox's stdout, exit code and files are hostile: learner code shares the harness's process, so
// it can print any record the harness prints, exit with any code and throw any error. The only
// thing the grader trusts is where in the run a failure happened, which it sees for itself:
//
// - The harness writes the learner_start line (synchronously: stdout is blocking in the sandbox)
//   right before it imports the learner's module. Until the grader has read that line, only the
//   platform's code has run, on files the grader wrote (harness, data, config); the learner's file
//   is in the sandbox but has not been loaded, so nothing it contains could have acted yet. A run
//   that ends before that line (bwrap or setpriv refusing to start, node failing, TensorFlow.js
//   failing to load or failing the backend self-check the harness runs before learner_start) is
//   the platform's, and so is a launcher that threw before it.
// - From that line on, everything that ends the run (any exception of any type or text, any
//   record printed, any exit code or signal, running out of time or memory) is the learner's and
//   charges an attempt. A real backend bug met only by their code is then charged too; believing
//   the sandbox's word instead would let any submission claim to be the platform's and be run again
//   and again without being charged.
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import { errorMessage } from "@/lib/errors";
import type { SandboxResult } from "@/grader/sandbox/run-sandboxed";
import type { EpochPoint, FailureKind, GradeProgress, LogLine } from "./grade-types";

export const MAX_LOG_LINES = 200;
export const MAX_LOG_LINE_CHARS = 500;

export interface Failure {
  kind: FailureKind;
  code: string;
  message: string;
}

/**
 * The codes the harness reports for failures of learner code. Any other code on a record printed
 * after learner_start was not the harness's, so it is shown as a plain exception.
 */
export const HARNESS_LEARNER_CODES: ReadonlySet<string> = new Set([
  "exception",
  "import_failed",
  "no_train_function",
  "custom_loop_not_allowed",
  "over_budget",
  "no_model",
  "invalid_model",
  "too_many_parameters",
  "save_failed",
  "untraceable_model",
  "unavailable_require",
]);

const PLATFORM_NOTE = "This is a fault of the grading platform, not of your code, and does not count as an attempt.";

export function learnerFailure(code: string, message: string): Failure {
  return { kind: "learner", code, message };
}

function tail(lines: LogLine[], count: number): string {
  const last = lines.slice(-count).map((line) => `  ${line.text}`);
  return last.length > 0 ? `\nLast lines your code printed:\n${last.join("\n")}` : "";
}

function stderrTail(run: SandboxResult): string {
  const stderr = run.stderr.trim().split("\n").slice(-5).join("\n");
  return stderr ? `\n${stderr}` : "";
}

interface HarnessRecord {
  code: string;
  message: string;
  stack?: string;
}

/** Reads the harness's JSON lines; anything else on stdout is the learner writing to it directly. */
export class RunLog {
  readonly logs: LogLine[] = [];
  readonly curves: EpochPoint[] = [];
  /** The harness's own failure record from before learner_start, when it could not get that far. */
  setupError: HarnessRecord | null = null;
  /** The last failure record printed after learner_start: by the harness, or forged by the learner. */
  error: HarnessRecord | null = null;
  hasLearnerStarted = false;
  isDone = false;

  constructor(private readonly onProgress?: (event: GradeProgress) => void) {}

  line(stream: "stdout" | "stderr", text: string): void {
    if (stream === "stderr") return;
    let message: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object") message = parsed as Record<string, unknown>;
    } catch {
      message = null;
    }
    switch (message?.type) {
      case "epoch": {
        const point: EpochPoint = {
          epoch: Number(message.epoch),
          loss: typeof message.loss === "number" ? message.loss : null,
          ...(typeof message.metric === "number" ? { metric: message.metric } : {}),
          elapsedMs: Number(message.elapsedMs),
        };
        this.curves.push(point);
        this.onProgress?.({ type: "epoch", ...point });
        return;
      }
      case "log": {
        const level = message.level === "warn" || message.level === "error" ? message.level : "info";
        this.addLog({ level, text: String(message.text).slice(0, MAX_LOG_LINE_CHARS) });
        return;
      }
      case "learner_start":
        this.hasLearnerStarted = true;
        return;
      case "error": {
        // Whatever "kind" a record claims is ignored: only its place before or after
        // learner_start says whose it is.
        const record: HarnessRecord = {
          code: typeof message.code === "string" ? message.code : "exception",
          message: typeof message.message === "string" ? message.message : "unknown error",
          ...(typeof message.stack === "string" ? { stack: message.stack } : {}),
        };
        if (this.hasLearnerStarted) this.error = record;
        else this.setupError = record;
        return;
      }
      case "done":
        this.isDone = true;
        return;
      default:
        if (this.logs.length < MAX_LOG_LINES) this.addLog({ level: "info", text: text.slice(0, MAX_LOG_LINE_CHARS) });
    }
  }

  private addLog(line: LogLine): void {
    this.logs.push(line);
    this.onProgress?.({ type: "log", ...line });
  }
}

/** A run that ended before learner code was loaded: the platform's, whatever ended it. */
function setupFailure(run: SandboxResult, log: RunLog): Failure {
  if (log.setupError?.code === "backend_failed") {
    return {
      kind: "platform",
      code: "backend_failed",
      message: `${log.setupError.message}. The grader could not start TensorFlow.js before loading your code. ${PLATFORM_NOTE}`,
    };
  }
  const how =
    run.outcome === "exited"
      ? `exit code ${run.exitCode ?? "none"}`
      : run.outcome === "killed"
        ? `signal ${run.signal ?? "unknown"}`
        : run.outcome.replaceAll("_", " ");
  const record = log.setupError ? `\n${log.setupError.message}` : "";
  return {
    kind: "platform",
    code: "sandbox_failed",
    message:
      `The grading sandbox stopped before your code was loaded (${how}). ${PLATFORM_NOTE}` +
      `${record}${stderrTail(run)}`,
  };
}

/** The failure of a finished run, or null when it trained and saved a model. */
export function classifyRun(
  run: SandboxResult,
  log: RunLog,
  spec: AssignmentSpec,
  wallSeconds: number,
): Failure | null {
  if (!log.hasLearnerStarted) return setupFailure(run, log);
  switch (run.outcome) {
    case "timeout":
      return learnerFailure(
        "timeout",
        `Training did not finish within the time limit ` +
          `(${spec.budget.trainingSeconds} s of training, ${wallSeconds} s in all) and was stopped. ` +
          `model.fit stops by itself at the deadline; ` +
          `a custom training loop must check shouldStop() or timeLeftMs().${tail(log.logs, 5)}`,
      );
    case "out_of_memory":
      return learnerFailure(
        "out_of_memory",
        `Your code ran out of memory (the limit is ${spec.budget.memoryMiB} MiB). ` +
          `Use a smaller batch size or model, and dispose tensors you create in loops (tf.tidy).${tail(log.logs, 5)}`,
      );
    case "output_limit":
      return learnerFailure(
        "output_limit",
        "Your code printed too much output and was stopped. Log a line per epoch, not per batch.",
      );
    case "killed":
      return learnerFailure(
        "crashed",
        `Your code was killed by signal ${run.signal ?? "unknown"}.${tail(log.logs, 5)}`,
      );
    case "exited":
      break;
  }
  if (log.error) {
    const stack = log.error.stack ? `\n${log.error.stack}` : "";
    const code = HARNESS_LEARNER_CODES.has(log.error.code) ? log.error.code : "exception";
    return learnerFailure(code, `${log.error.message}${stack}${tail(log.logs, 5)}`);
  }
  if (run.exitCode === 0 && !log.isDone) {
    return learnerFailure(
      "no_weights",
      "Your code ended the training process before the model was saved (did it call process.exit?). " +
        "Return the model from train() instead.",
    );
  }
  if (run.exitCode !== 0 || !log.isDone) {
    // Node reports a crash before the harness could (a learner's process.exit, an abort) on stderr.
    return learnerFailure(
      "crashed",
      `Your code stopped the training process early (exit code ${run.exitCode ?? "none"}).` +
        `${stderrTail(run)}${tail(log.logs, 5)}`,
    );
  }
  return null;
}

/**
 * The launcher threw. Before learner_start that is the sandbox failing to start; after it, the
 * learner's code had the run, and the grader cannot tell a tear-down it broke (processes that
 * will not die) from one that failed on its own, so it is charged like any other ending.
 */
export function classifyLaunchError(error: unknown, log: RunLog): Failure {
  if (!log.hasLearnerStarted) {
    return {
      kind: "platform",
      code: "sandbox_unavailable",
      message: `The grading sandbox could not start: ${errorMessage(error)}. ${PLATFORM_NOTE}`,
    };
  }
  return learnerFailure(
    "crashed",
    `The training process could not be stopped cleanly after your code ran: ${errorMessage(error)}${tail(log.logs, 5)}`,
  );
}
