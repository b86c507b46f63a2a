"use client";

import { useEffect, useState } from "react";
import type { MetricSpec } from "@/lib/assignments/spec-schema";
import type { Locale } from "@/lib/courses/content-schema";
import { messagesFor } from "@/lib/i18n/messages";
import { formatMetric, isFinished } from "@/lib/submissions/format";
import type { SubmissionStatusView } from "@/lib/submissions/get-submission";
import { CurvesChart } from "@/app/_components/curves-chart";
import { FeedbackHints } from "@/app/_components/feedback-hints";
import { RunResults } from "@/app/_components/run-results";
import { failureHeadline, feedbackMessagesFor } from "@/lib/i18n/feedback-messages";
import { feedbackHints } from "@/lib/submissions/feedback-hints";
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
  /** Training runs an attempt of this lab makes (1 for most labs). */
  plannedRuns: number;
  locale: Locale;
}

function secondsSince(value: Date | string | null, now: number): number | null {
  return value === null ? null : Math.max(0, Math.round((now - new Date(value).getTime()) / 1000));
}

/** The live part of a submission page: status, progress, curves, logs and the result. */
export function LiveSubmission({ initial, metric, budget, plannedRuns, locale }: LiveSubmissionProps) {
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

  const runText = messagesFor(locale).runs;
  const text = feedbackMessagesFor(locale).live;
  const label = text.metric[metric.name];
  const isMultiRun = plannedRuns > 1;
  // Runs may train side by side; the progress line follows the latest run to report an epoch.
  const latestRun = Math.max(1, ...snapshot.curves.map((point) => point.run ?? 1));
  const epochsDone = snapshot.curves.length;
  const epochsOfLatestRun = snapshot.curves.filter((point) => (point.run ?? 1) === latestRun).length;
  const epochsPossible = budget.maxEpochs * plannedRuns;
  const trainingFraction = Math.min(1, epochsDone / epochsPossible);
  // The chart draws the first run's curve, so it stays readable while runs interleave.
  const firstRunCurve = snapshot.curves.filter((point) => (point.run ?? 1) === 1);
  const waited = secondsSince(snapshot.queuedAt, now);
  const running = secondsSince(snapshot.startedAt, now);
  // Once a run ends below the threshold, what the grader recorded says what to try next.
  const hints =
    isDone && snapshot.failureCode === "below_threshold" && snapshot.score !== null
      ? feedbackHints({
          metric,
          score: snapshot.score,
          curve: firstRunCurve,
          budget,
          trainingMs: snapshot.certification?.runs[0]?.trainingMs ?? null,
        })
      : [];
  const isFailure = snapshot.status === "FAILED" || snapshot.status === "ERROR";
  // The grader writes its message in English; where the score line and the hints already say all of
  // it (a pass, a score below the threshold), a reader of another language is spared it.
  const isToldByScore = snapshot.status === "PASSED" || snapshot.failureCode === "below_threshold";
  const passText =
    `${label} ${metric.direction === "higher" ? "≥" : "≤"} ` + `${formatMetric(metric.name, metric.threshold)}`;

  return (
    <section aria-live="polite" aria-label={text.region} className="live-submission">
      <div className={`card result ${snapshot.status.toLowerCase()}`}>
        <p style={{ margin: 0 }}>
          {/* The badge is the status in words: printing the word beside it as well read "Passed Passed". */}
          <StatusBadge status={snapshot.status} locale={locale} testId="submission-status" />
          {snapshot.score !== null && (
            <span data-testid="submission-score">
              {" "}
              · {label} {formatMetric(metric.name, snapshot.score)} {text.needed(passText)}
            </span>
          )}
        </p>
        {isFailure && (
          <p data-testid="failure-headline">
            <strong>{failureHeadline(locale, snapshot)}</strong>
          </p>
        )}
        {snapshot.message && (locale === "en" || !isToldByScore) && (
          <p data-testid="submission-message">
            {isFailure && locale !== "en" && <span className="muted">{feedbackMessagesFor(locale).details}: </span>}
            {/* Declared, so screen readers read it as English and a translator offers to translate it. */}
            <span lang="en">{snapshot.message}</span>
          </p>
        )}
        {snapshot.failureKind === "PLATFORM" && <p className="muted">{text.platformNote}</p>}
        {snapshot.status === "QUEUED" && (
          <p className="muted" data-testid="queue-position">
            {snapshot.queuePosition === 1 ? text.queueNext : text.queueNumber(String(snapshot.queuePosition ?? "?"))}
            {waited !== null ? text.waiting(waited) : ""}
            {text.queueStarts}
          </p>
        )}
        {snapshot.status === "RUNNING" && (
          <>
            <progress max={epochsPossible} value={epochsDone} aria-label={text.progressLabel} style={{ width: "100%" }}>
              {Math.round(trainingFraction * 100)}%
            </progress>
            <p className="muted" style={{ margin: 0 }} data-testid="training-progress">
              {isMultiRun
                ? runText.progress(latestRun, plannedRuns, epochsOfLatestRun, budget.maxEpochs)
                : text.epoch(epochsDone, budget.maxEpochs)}
              {running !== null ? text.elapsed(running, budget.trainingSeconds) : ""}
            </p>
          </>
        )}
        {isConnectionLost && !isDone && (
          <p className="muted" role="status">
            {text.reconnecting}
          </p>
        )}
      </div>

      {snapshot.metrics && Object.keys(snapshot.metrics).length > 0 && (
        <dl className="metrics">
          {Object.entries(snapshot.metrics).map(([name, value]) => (
            <div key={name}>
              <dt>{Object.hasOwn(text.metric, name) ? text.metric[name as MetricSpec["name"]] : name}</dt>
              <dd>{typeof value === "number" ? value.toPrecision(4) : String(value)}</dd>
            </div>
          ))}
        </dl>
      )}

      <FeedbackHints hints={hints} metric={metric} locale={locale} />

      {snapshot.certification && isMultiRun && (
        <RunResults certification={snapshot.certification} metric={metric} locale={locale} />
      )}

      <h2>{text.curveHeading}</h2>
      {firstRunCurve.length === 0 ? (
        <p className="empty">{isDone ? text.noEpochs : text.curveSoon}</p>
      ) : (
        <>
          <CurvesChart points={firstRunCurve} locale={locale} />
          {isMultiRun && <p className="muted">{runText.curveOfFirstRun(plannedRuns)}</p>}
        </>
      )}

      <h2>{text.outputHeading}</h2>
      {snapshot.logs.length === 0 ? (
        <p className="empty">{isDone ? text.printedNothing : text.outputSoon}</p>
      ) : (
        <pre className="code-block logs" data-testid="submission-logs">
          {snapshot.logs}
        </pre>
      )}
    </section>
  );
}
