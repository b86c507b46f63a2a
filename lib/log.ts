// The one logger of the grader worker, the web server and the scripts (pino). Records go to stderr,
// so that a command's stdout carries only its output (a JSON summary, a verdict, a URL). Contexts
// that span many records (a job, a submission, a process) are child loggers with their own fields.
import pino, { type Logger } from "pino";
import { env } from "./env";
import { formatLogRecord } from "./log-format";

export type { Logger };

const isPretty = (env.LOG_FORMAT ?? (process.stderr.isTTY ? "pretty" : "json")) === "pretty";

// Synchronous writes: a process that logs and then exits (a failed start-up) loses nothing.
const destination = isPretty
  ? { write: (record: string) => process.stderr.write(formatLogRecord(record)) }
  : pino.destination({ fd: 2, sync: true });

export const logger: Logger = pino(
  {
    level: env.LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    // "level":"warn" rather than 40: read by people as often as by collectors.
    formatters: { level: (label) => ({ level: label }) },
  },
  destination,
);
