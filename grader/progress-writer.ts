// A running job's progress as the learner's live page reads it (the stage, the curve and the
// console), written to the job's row: a new stage or epoch at once, console lines at most every
// PROGRESS_WRITE_MS, each write followed by a notification, and writes kept in order. Graded
// submissions and practice runs each say how their row is written.
import type { Prisma } from "../lib/generated/prisma/client";
import type { Logger } from "../lib/log";
import type { EpochPoint, LogLine } from "./pipeline/grade-types";

const PROGRESS_WRITE_MS = 500;

export interface ProgressData {
  message: string;
  curves: Prisma.InputJsonValue;
  logs: string;
}

/** The console as stored: warnings and errors marked, cut at `maxChars`. */
export function formatLogs(lines: LogLine[], maxChars: number): string {
  const text = lines.map((line) => (line.level === "info" ? line.text : `[${line.level}] ${line.text}`)).join("\n");
  return text.length > maxChars ? `${text.slice(0, maxChars)}\n[output truncated]` : text;
}

export class ProgressWriter {
  readonly curves: EpochPoint[] = [];
  readonly logs: LogLine[] = [];
  private message = "Starting";
  private lastWrite = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      maxLogChars: number;
      /** Writes the row (only while this worker still holds it) and notifies the page. */
      save: (data: ProgressData) => Promise<void>;
      log: Logger;
    },
  ) {}

  stage(message: string): void {
    this.message = message;
    this.write(true);
  }

  epoch(point: EpochPoint): void {
    this.curves.push(point);
    this.write(true);
  }

  line(line: LogLine): void {
    this.logs.push(line);
    this.write(false);
  }

  write(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastWrite < PROGRESS_WRITE_MS) return;
    this.lastWrite = now;
    const data = {
      message: this.message,
      curves: [...this.curves] as unknown as Prisma.InputJsonValue,
      logs: formatLogs(this.logs, this.options.maxLogChars),
    };
    this.pending = this.pending
      .then(() => this.options.save(data))
      .catch((error: unknown) => this.options.log.warn({ err: error }, "progress not saved"));
  }

  /** Resolves once every write asked for so far has been made (or has failed and been logged). */
  settled(): Promise<void> {
    return this.pending;
  }
}
