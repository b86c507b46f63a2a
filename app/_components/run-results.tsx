// The training runs of a multi-seed graded attempt: each run's seed, held-out score and training
// time, then the mean, its spread, its 95% interval and the rule that decided the attempt. The
// live result and the receipt show it; a one-run attempt has nothing more to say than its score.
import type { CertificationRecord } from "@/lib/assignments/certification";
import type { MetricSpec } from "@/lib/assignments/spec-schema";
import type { Locale } from "@/lib/courses/content-schema";
import { messagesFor } from "@/lib/i18n/messages";
import { formatMetric } from "@/lib/submissions/format";
import { metricLabelIn } from "@/lib/i18n/lab-page-messages";
import { DataTable } from "./data-table";

interface RunResultsProps {
  certification: CertificationRecord;
  metric: MetricSpec;
  locale: Locale;
}

type RunRow = CertificationRecord["runs"][number];

export function RunResults({ certification, metric, locale }: RunResultsProps) {
  const text = messagesFor(locale).runs;
  const show = (value: number) => formatMetric(metric.name, value);
  const needed = `${metricLabelIn(locale, metric.name)} ${metric.direction === "higher" ? "≥" : "≤"} ${show(metric.threshold)}`;
  const { statistics } = certification;
  return (
    <section data-testid="run-results">
      <h2>{text.heading}</h2>
      <p className="muted">{text.caption(certification.plannedRuns)}</p>
      <DataTable
        caption={text.caption(certification.plannedRuns)}
        rows={certification.runs}
        rowKey={(row: RunRow) => row.run}
        rowTestId="run-row"
        columns={[
          { key: "run", header: text.run, cell: (row: RunRow) => row.run, isRowHeader: true },
          { key: "seed", header: text.seed, cell: (row: RunRow) => <code>{row.seed}</code> },
          {
            key: "score",
            header: text.score,
            cell: (row: RunRow) => (row.score === null ? text.notScored : show(row.score)),
          },
          {
            key: "training",
            header: text.trainingTime,
            cell: (row: RunRow) => `${(row.trainingMs / 1000).toFixed(1)} s`,
          },
        ]}
      />
      <dl className="receipt">
        {statistics && (
          <>
            <dt>{text.mean}</dt>
            <dd data-testid="runs-mean">{show(statistics.mean)}</dd>
            <dt>{text.standardDeviation}</dt>
            <dd>
              {statistics.standardDeviation === null
                ? "—"
                : metric.name === "mse"
                  ? statistics.standardDeviation.toPrecision(3)
                  : show(statistics.standardDeviation)}
            </dd>
            <dt>{text.interval}</dt>
            <dd data-testid="runs-interval">
              {statistics.interval
                ? text.intervalValue(show(statistics.interval.low), show(statistics.interval.high))
                : text.noInterval}
            </dd>
          </>
        )}
        <dt>{text.rule}</dt>
        <dd data-testid="runs-rule">
          {certification.rule === "mean" ? text.ruleMean(needed) : text.ruleEvery(needed)}
        </dd>
      </dl>
    </section>
  );
}
