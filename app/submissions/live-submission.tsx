"use client";

import { useEffect, useState } from "react";
import type { MetricSpec } from "@/lib/assignments/spec-schema";
import { formatMetric, isFinished, metricLabel, STATUS_TEXT } from "@/lib/submissions/format";
import type { SubmissionStatusView } from "@/lib/submissions/get-submission";
import { CurvesChart } from "@/app/_components/curves-chart";
import { StatusBadge } from "./status-badge";

// Dates arrive as strings over the event stream; the page hands them over as Date.
type Snapshot = Omit<SubmissionStatusView, "queuedAt" | "startedAt" | "finishedAt"> & {
  queuedAt: Date | string;
  startedAt: Date | string | null;
  finishedAt: Date | string | null;
};

interface LiveSubmissionProps {
  initial: Snapshot;
  metric: MetricSpec;
  budget: { maxEpochs: number; trainingSeconds: number };
}

function secondsSince(value: Date | string | null, now: number): number | null {
  return value === null ? null : Math.max(0, Math.round((now - new Date(value).getTime()) / 1000));
}

/** The live part of a submission page: status, progress, curves, logs and the result. */
export function LiveSubmission({ initial, metric, budget }: LiveSubmissionProps) {
  const [snapshot, setSnapshot] = useState<Snapshot>(initial);
  const [isConnectionLost, setIsConnectionLost] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const isDone = isFinished(snapshot.status);

  useEffect(() => {
    if (isFinished(initial.status)) return;
    const source = new EventSource(`/api/submissions/${initial.id}/events`);
    source.addEventListener("status", (event) => {
      const next = JSON.parse((event as MessageEvent<string>).data) as Snapshot;
      setSnapshot(next);
      setIsConnectionLost(false);
      if (isFinished(next.status)) source.close();
    });
    source.addEventListener("unavailable", () => setIsConnectionLost(true));
    source.onerror = () => setIsConnectionLost(true);
    return () => source.close();
  }, [initial.id, initial.status]);

  useEffect(() => {
    if (isDone) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isDone]);

  const epochsDone = snapshot.curves.length;
  const trainingFraction = Math.min(1, epochsDone / budget.maxEpochs);
  const waited = secondsSince(snapshot.queuedAt, now);
  const running = secondsSince(snapshot.startedAt, now);
  const passText =
    `${metricLabel(metric.name)} ${metric.direction === "higher" ? "≥" : "≤"} ` +
    `${formatMetric(metric.name, metric.threshold)}`;

  return (
    <section aria-live="polite" aria-label="Grading status" className="live-submission">
      <div className={`card result ${snapshot.status.toLowerCase()}`}>
        <p style={{ margin: 0 }}>
          <StatusBadge status={snapshot.status} />{" "}
          <strong data-testid="submission-status">{STATUS_TEXT[snapshot.status]}</strong>
          {snapshot.score !== null && (
            <span data-testid="submission-score">
              {" "}
              · {metricLabel(metric.name)} {formatMetric(metric.name, snapshot.score)} (needed {passText})
            </span>
          )}
        </p>
        {snapshot.message && <p data-testid="submission-message">{snapshot.message}</p>}
        {snapshot.failureKind === "PLATFORM" && (
          <p className="muted">This was our fault, not yours: it does not use up an attempt.</p>
        )}
        {snapshot.status === "QUEUED" && (
          <p className="muted" data-testid="queue-position">
            {snapshot.queuePosition === 1
              ? "Next in the queue"
              : `Number ${snapshot.queuePosition ?? "?"} in the queue`}
            {waited !== null ? `, waiting for ${waited} s` : ""}. Grading starts as soon as a grader is free.
          </p>
        )}
        {snapshot.status === "RUNNING" && (
          <>
            <progress
              max={budget.maxEpochs}
              value={epochsDone}
              aria-label="Training progress"
              style={{ width: "100%" }}
            >
              {Math.round(trainingFraction * 100)}%
            </progress>
            <p className="muted" style={{ margin: 0 }}>
              Epoch {epochsDone} of at most {budget.maxEpochs}
              {running !== null ? ` · ${running} s elapsed (training may use ${budget.trainingSeconds} s)` : ""}
            </p>
          </>
        )}
        {isConnectionLost && !isDone && (
          <p className="muted" role="status">
            Live updates interrupted; reconnecting…
          </p>
        )}
      </div>

      {snapshot.metrics && Object.keys(snapshot.metrics).length > 0 && (
        <dl className="metrics">
          {Object.entries(snapshot.metrics).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{typeof value === "number" ? value.toPrecision(4) : String(value)}</dd>
            </div>
          ))}
        </dl>
      )}

      <h2>Training curve</h2>
      {snapshot.curves.length === 0 ? (
        <p className="empty">{isDone ? "No epochs were reported." : "The curve appears after the first epoch."}</p>
      ) : (
        <CurvesChart points={snapshot.curves} />
      )}

      <h2>Output</h2>
      {snapshot.logs.length === 0 ? (
        <p className="empty">
          {isDone ? "Your code printed nothing." : "What your code prints with console.log appears here."}
        </p>
      ) : (
        <pre className="code-block logs" data-testid="submission-logs">
          {snapshot.logs}
        </pre>
      )}
    </section>
  );
}
