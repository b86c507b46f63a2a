"use client";

// A lesson's TensorFlow.js snippet that the reader can edit, run in the browser and reset. Each run
// gets a worker of its own (./snippet.worker.ts), terminated when the snippet ends or at the time
// limit, so an endless loop never freezes the page; what the snippet prints shows under it.
import { useEffect, useRef, useState } from "react";
import type { Locale } from "@/lib/courses/content-schema";
import { lessonMessagesFor } from "@/lib/i18n/lesson-messages";
import { WorkerMessageSchema } from "@/lib/snippets/snippet-protocol";

/** How long a snippet may run once tfjs is ready; loading tfjs does not count. */
export const SNIPPET_TIME_LIMIT_SECONDS = 15;
/** How long loading tfjs and its backend may take before the run is given up. */
const START_LIMIT_MS = 60_000;
/** Lines of output kept: a snippet printing in a loop must not grow the page without end. */
const MAX_LINES = 500;

type Line = { level: string; text: string };

/** tfjs's backend names as a reader knows them. */
const BACKEND_NAMES: Record<string, string> = { webgl: "WebGL", wasm: "WebAssembly", cpu: "JavaScript" };
type Outcome =
  | { kind: "idle" }
  | { kind: "running" }
  | { kind: "done"; backend: string }
  | { kind: "error"; message: string; line: number | null }
  | { kind: "timedOut" }
  | { kind: "unavailable" };

interface RunnableSnippetProps {
  code: string;
  /** The snippet's place among the lesson's, from 1, for its labels. */
  number: number;
  locale: Locale;
}

export function RunnableSnippet({ code, number, locale }: RunnableSnippetProps) {
  const t = lessonMessagesFor(locale).snippets;
  const [source, setSource] = useState(code);
  const [lines, setLines] = useState<Line[]>([]);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const running = useRef<{ worker: Worker; timer: ReturnType<typeof setTimeout> } | null>(null);

  const stop = () => {
    if (!running.current) return;
    running.current.worker.terminate();
    clearTimeout(running.current.timer);
    running.current = null;
  };
  // A reader who leaves the page mid-run leaves no worker behind.
  useEffect(() => stop, []);

  const finish = (result: Outcome) => {
    stop();
    setOutcome(result);
  };

  const run = () => {
    stop();
    setLines([]);
    setOutcome({ kind: "running" });
    let backend = "";
    let worker: Worker;
    try {
      worker = new Worker(new URL("./snippet.worker.ts", import.meta.url));
    } catch {
      return finish({ kind: "unavailable" });
    }
    const current = { worker, timer: setTimeout(() => finish({ kind: "unavailable" }), START_LIMIT_MS) };
    running.current = current;
    worker.addEventListener("message", (event: MessageEvent<unknown>) => {
      if (running.current !== current) return;
      const parsed = WorkerMessageSchema.safeParse(event.data);
      if (!parsed.success) return;
      const message = parsed.data;
      switch (message.type) {
        case "started":
          backend = message.backend;
          clearTimeout(current.timer);
          current.timer = setTimeout(() => finish({ kind: "timedOut" }), SNIPPET_TIME_LIMIT_SECONDS * 1000);
          return;
        case "output":
          setLines((shown) => [...shown, { level: message.level, text: message.text }].slice(-MAX_LINES));
          return;
        case "done":
          return finish({ kind: "done", backend });
        case "error":
          return finish({ kind: "error", message: message.message, line: message.line });
        case "unavailable":
          return finish({ kind: "unavailable" });
      }
    });
    worker.addEventListener("error", () => running.current === current && finish({ kind: "unavailable" }));
    worker.postMessage({ type: "run", code: source });
  };

  const reset = () => {
    stop();
    setSource(code);
    setLines([]);
    setOutcome({ kind: "idle" });
  };

  const codeId = `snippet-${number}-code`;
  const outputId = `snippet-${number}-output`;
  const isRunning = outcome.kind === "running";
  return (
    <div className="snippet" data-state={outcome.kind}>
      {number === 1 && <p className="muted snippet-hint">{t.hint}</p>}
      <label htmlFor={codeId} className="visually-hidden">
        {t.code(number)}
      </label>
      <textarea
        id={codeId}
        className="snippet-code"
        value={source}
        onChange={(event) => setSource(event.target.value)}
        rows={Math.min(Math.max(source.split("\n").length, 3), 30)}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        translate="no"
        aria-describedby={outputId}
      />
      <div className="snippet-actions">
        <button type="button" className="button" onClick={run} disabled={isRunning}>
          {isRunning ? t.running : t.run}
        </button>
        <button type="button" className="button secondary" onClick={reset}>
          {t.reset}
        </button>
      </div>
      <div id={outputId} className="snippet-output" aria-live="polite" aria-label={t.output(number)} role="region">
        {lines.length > 0 && (
          <pre className="snippet-lines">
            {lines.map((line, index) => (
              <span key={index} className={`snippet-line ${line.level}`}>
                {line.text}
                {"\n"}
              </span>
            ))}
          </pre>
        )}
        {outcome.kind === "done" && (
          <p className="muted">
            {lines.length === 0 && `${t.noOutput} `}
            {t.backend(BACKEND_NAMES[outcome.backend] ?? outcome.backend)}
          </p>
        )}
        {outcome.kind === "error" && (
          <p className="form-error">
            {outcome.line === null ? t.error(outcome.message) : t.errorAt(outcome.line, outcome.message)}
          </p>
        )}
        {outcome.kind === "timedOut" && <p className="form-error">{t.timedOut(SNIPPET_TIME_LIMIT_SECONDS)}</p>}
        {outcome.kind === "unavailable" && <p className="form-error">{t.workerFailed}</p>}
      </div>
    </div>
  );
}
