// The learner's console output becomes log records, capped so a chatty loop cannot flood the
// report. Output outside the learner's phases (tfjs's own start-up notices) is dropped.
import { emit } from "./emit";

let isLearnerPhase = false;
let logLines = 0;

/** Marks the stretches in which the learner's code runs: train(), and its layers' forward pass. */
export function setLearnerPhase(isOn: boolean): void {
  isLearnerPhase = isOn;
}

function safeInspect(value: unknown): string {
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function captureConsole(limits: { maxLogLines: number; maxLogLineChars: number }): void {
  const capture =
    (level: "info" | "warn" | "error") =>
    (...parts: unknown[]): void => {
      if (!isLearnerPhase) return;
      logLines += 1;
      if (logLines > limits.maxLogLines) {
        if (logLines === limits.maxLogLines + 1)
          emit({ type: "log", level: "warn", text: "[further console output dropped]" });
        return;
      }
      const text = parts.map((part) => (typeof part === "string" ? part : safeInspect(part))).join(" ");
      emit({ type: "log", level, text: text.slice(0, limits.maxLogLineChars) });
    };
  console.log = capture("info");
  console.info = capture("info");
  console.debug = capture("info");
  console.warn = capture("warn");
  console.error = capture("error");
}
