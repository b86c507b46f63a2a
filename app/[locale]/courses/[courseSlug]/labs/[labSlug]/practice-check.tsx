"use client";

import { useCallback, useEffect, useState, type MouseEvent } from "react";
import { CurvesChart } from "@/app/_components/curves-chart";
import { DataTable } from "@/app/_components/data-table";
import type { MetricSpec } from "@/lib/assignments/spec-schema";
import type { Locale } from "@/lib/courses/content-schema";
import type { FieldErrors } from "@/lib/errors";
import { practiceMessagesFor } from "@/lib/i18n/practice-messages";
import type { PracticeRunSnapshot } from "@/lib/practice/get-practice-run";
import { isPracticeFinished } from "@/lib/practice/practice-status";
import { formatMetric } from "@/lib/submissions/format";
import { metricLabelIn } from "@/lib/i18n/lab-page-messages";
import { checkLabCodeAction } from "./practice-actions";

type Run = PracticeRunSnapshot;

export interface PracticeSetup {
  locale: Locale;
  metric: MetricSpec;
  practiceRows: number;
  validationRows: number;
  trainingSeconds: number;
  /** The learner's latest practice runs of this lab, newest first. */
  runs: Run[];
}

/**
 * The state of "Check my code" in the lab form: the runs shown, the one followed live, and the
 * answer to the last click. The form owns the code; this hook only sends what it is handed.
 */
export function usePracticeCheck(courseSlug: string, assignmentSlug: string, setup: PracticeSetup) {
  const t = practiceMessagesFor(setup.locale);
  const [runs, setRuns] = useState<Run[]>(setup.runs);
  const [shownId, setShownId] = useState<string | null>(setup.runs[0]?.id ?? null);
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<{ message: string; fieldErrors: FieldErrors } | null>(null);
  const [isConnectionLost, setIsConnectionLost] = useState(false);
  const latest = runs[0];
  const followedId = latest && !isPracticeFinished(latest.status) ? latest.id : null;

  useEffect(() => {
    if (!followedId) return;
    const source = new EventSource(`/api/practice-runs/${followedId}/events`);
    source.addEventListener("status", (event) => {
      const next = JSON.parse((event as MessageEvent<string>).data) as Run;
      setRuns((current) => current.map((run) => (run.id === next.id ? next : run)));
      setIsConnectionLost(false);
      if (isPracticeFinished(next.status)) source.close();
    });
    source.addEventListener("unavailable", () => setIsConnectionLost(true));
    source.onerror = () => setIsConnectionLost(true);
    return () => source.close();
  }, [followedId]);

  const check = useCallback(
    async (form: FormData) => {
      setIsPending(true);
      setError(null);
      try {
        const result = await checkLabCodeAction(courseSlug, assignmentSlug, form);
        if (!result.isOk) {
          setError({ message: result.message, fieldErrors: result.fieldErrors });
          return;
        }
        setRuns((current) => [result.value, ...current.filter((run) => run.id !== result.value.id)]);
        setShownId(result.value.id);
      } catch {
        setError({ message: t.unreachable, fieldErrors: {} });
      } finally {
        setIsPending(false);
      }
    },
    [courseSlug, assignmentSlug, t.unreachable],
  );

  return {
    t,
    setup,
    runs,
    shown: runs.find((run) => run.id === shownId) ?? null,
    show: setShownId,
    isRunning: isPending || followedId !== null,
    isPending,
    error,
    isConnectionLost,
    check,
  };
}
export type PracticeCheck = ReturnType<typeof usePracticeCheck>;

/** Beside "Submit for grading": a plain button, so Enter in the form still submits for grading. */
export function CheckCodeButton({
  practice,
  onCheck,
}: {
  practice: PracticeCheck;
  onCheck: (event: MouseEvent<HTMLButtonElement>) => void;
}) {
  return (
    <button
      type="button"
      className="button secondary"
      onClick={onCheck}
      disabled={practice.isRunning}
      aria-describedby="practice-explain"
      data-testid="check-code"
    >
      {practice.isRunning ? practice.t.checking : practice.t.check}
    </button>
  );
}

function formatWhen(value: string): string {
  return new Date(value).toISOString().slice(0, 16).replace("T", " ");
}

/**
 * The shown run's result and the learner's recent checks, in every state: none yet, running, failed, done.
 * `onGoTo` moves the editor's cursor to where a failed run's error is.
 */
export function PracticeResults({
  practice,
  onGoTo,
}: {
  practice: PracticeCheck;
  onGoTo: (line: number, column: number) => void;
}) {
  const { t, setup, runs, shown, error } = practice;
  const { metric } = setup;
  return (
    <section className="practice-check" aria-labelledby="practice-heading" data-testid="practice-check">
      <h3 id="practice-heading" style={{ marginBottom: "0.25rem" }}>
        {t.heading} <span className="badge">{t.badge}</span>
      </h3>
      <p id="practice-explain" className="muted" style={{ marginTop: 0 }}>
        {t.explain(setup.practiceRows, setup.validationRows, setup.trainingSeconds)}
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="practice-error">
          {error.message}
          {Object.values(error.fieldErrors)
            .flat()
            .map((text) => ` ${text}`)}
        </p>
      )}
      <div aria-live="polite" data-testid="practice-result">
        {shown ? (
          <PracticeRunCard run={shown} practice={practice} onGoTo={onGoTo} />
        ) : (
          <p className="empty">{t.empty}</p>
        )}
      </div>
      {runs.length > 1 && (
        <DataTable
          caption={t.history}
          rows={runs}
          rowKey={(run) => run.id}
          testId="practice-history"
          columns={[
            { key: "when", header: t.historyWhen, cell: (run) => `${formatWhen(run.queuedAt)} UTC` },
            { key: "status", header: t.historyStatus, cell: (run) => t.status[run.status] },
            {
              key: "metric",
              header: t.historyMetric,
              cell: (run) => (run.metricValue === null ? "—" : formatMetric(metric.name, run.metricValue)),
            },
            {
              key: "show",
              header: t.show,
              cell: (run) =>
                run.id === shown?.id ? (
                  <span className="muted">{t.shown}</span>
                ) : (
                  <button type="button" className="button secondary" onClick={() => practice.show(run.id)}>
                    {t.show}
                  </button>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}

function PracticeRunCard({
  run,
  practice,
  onGoTo,
}: {
  run: Run;
  practice: PracticeCheck;
  onGoTo: (line: number, column: number) => void;
}) {
  const { t, setup, isConnectionLost } = practice;
  const { metric } = setup;
  const isDone = isPracticeFinished(run.status);
  return (
    <div className={`card result practice ${run.status.toLowerCase()}`} data-status={run.status}>
      <p style={{ margin: 0 }}>
        <strong data-testid="practice-status">{t.status[run.status]}</strong>
        {!isDone && run.message && <span className="muted"> · {run.message}</span>}
      </p>
      {!isDone && run.status === "RUNNING" && run.curves.length > 0 && (
        <p className="muted">{t.epochs(run.curves.length)}</p>
      )}
      {!isDone && isConnectionLost && <p className="muted">{t.connectionLost}</p>}
      {isDone && run.errorLine !== null && (
        <p>
          <button
            type="button"
            className="link-button"
            data-testid="practice-location"
            onClick={() => onGoTo(run.errorLine ?? 1, run.errorColumn ?? 1)}
          >
            <strong>{t.where(run.errorLine, run.errorColumn ?? 1)}</strong>
          </button>
        </p>
      )}
      {isDone && run.message && (
        <pre className="practice-message" data-testid="practice-message" style={{ whiteSpace: "pre-wrap" }}>
          {run.message}
        </pre>
      )}
      {run.status === "ERROR" && <p className="muted">{t.platformNote}</p>}
      {run.status === "COMPLETED" && (
        <dl className="practice-facts">
          <dt>{t.validationMetric(metricLabelIn(setup.locale, metric.name))}</dt>
          <dd data-testid="practice-metric">
            {run.metricValue === null ? "—" : formatMetric(metric.name, run.metricValue)}
          </dd>
          <dt>{t.outputShape}</dt>
          <dd data-testid="practice-output-shape">{run.outputShape ? <code>{run.outputShape}</code> : "—"}</dd>
          {run.parameters !== null && (
            <>
              <dt>{t.parameters}</dt>
              <dd>{run.parameters.toLocaleString("en")}</dd>
            </>
          )}
        </dl>
      )}
      {run.curves.length > 0 && (
        <figure style={{ margin: "0.5rem 0" }}>
          <figcaption className="muted">{t.lossCurve}</figcaption>
          <CurvesChart points={run.curves} locale={setup.locale} />
        </figure>
      )}
      {isDone && run.logs.trim() !== "" && (
        <details>
          <summary>{t.logs}</summary>
          <pre className="log">{run.logs}</pre>
        </details>
      )}
    </div>
  );
}
