// The readable form of a log record, for a person watching a terminal (`npm start`): one line per
// record, time, level, the process it came from, the message and its fields; under an error (not
// under a warning, which is expected to pass) the stack of its cause. Written here rather than with pino-pretty, which would be a dependency for thirty lines.

/** Fields every record has, shown in their own places or (pid, hostname) left out as noise in a terminal. */
const PLACED = new Set(["time", "level", "msg", "component", "err", "pid", "hostname"]);

function formatValue(value: unknown): string {
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

function formatError(error: unknown): { summary: string; stack: string } {
  if (typeof error !== "object" || error === null) return { summary: formatValue(error), stack: "" };
  const { message, stack } = error as { message?: unknown; stack?: unknown };
  const text = typeof message === "string" ? message : JSON.stringify(error);
  // pino's serialiser keeps the stack; its first line repeats the message.
  const frames = typeof stack === "string" ? stack.split("\n").slice(1).join("\n") : "";
  return { summary: formatValue(text), stack: frames ? `${frames}\n` : "" };
}

/** One JSON record as pino writes it, as one readable line (a line that is not JSON passes through). */
export function formatLogRecord(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith("\n") ? line : `${line}\n`;
  }
  const time = typeof record.time === "string" ? record.time.slice(11, 23) : "";
  const level = (typeof record.level === "string" ? record.level : "").toUpperCase().padEnd(5);
  const component = typeof record.component === "string" ? `${record.component}: ` : "";
  const fields = Object.entries(record)
    .filter(([key]) => !PLACED.has(key))
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  const error = "err" in record ? formatError(record.err) : null;
  if (error) fields.push(`err=${error.summary}`);
  const stack = record.level === "error" || record.level === "fatal" ? (error?.stack ?? "") : "";
  const message = typeof record.msg === "string" ? record.msg : "";
  return `${time} ${level} ${component}${message}${fields.length > 0 ? `  ${fields.join(" ")}` : ""}\n${stack}`;
}
