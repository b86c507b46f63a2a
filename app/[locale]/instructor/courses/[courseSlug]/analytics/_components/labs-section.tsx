import * as Plot from "@observablehq/plot";
import { DataTable } from "@/app/_components/data-table";
import type { LabStatistics, LabStatisticsRow } from "@/lib/analytics/get-lab-statistics";
import type { Locale } from "@/lib/courses/content-schema";
import { hoursIn, type AnalyticsMessages } from "@/lib/i18n/analytics-messages";
import { failureHeadline } from "@/lib/i18n/feedback-messages";
import { ChartFigure } from "./chart-figure";
import { integerTicks } from "./render-plot";
import { ACCENT, GOOD } from "./chart-colours";
import { CsvLink } from "./csv-link";

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);

export function LabsSection({ stats, t, locale }: { stats: LabStatistics; t: AnalyticsMessages; locale: Locale }) {
  const words = t.labs;
  const slug = stats.course.slug;
  const bars = stats.labs.map((lab, index) => ({
    name: `${index + 1}. ${lab.title}`,
    rate: (lab.passRate ?? 0) * 100,
    label: percent(lab.passRate),
  }));
  const hours = (value: number | null) => (value === null ? "—" : hoursIn(locale, value));
  return (
    <section aria-labelledby="analytics-labs">
      <h2 id="analytics-labs">{words.heading}</h2>
      <p className="muted">{words.intro}</p>
      {stats.labs.length === 0 ? (
        <p className="empty">{words.empty}</p>
      ) : (
        <ChartFigure
          testId="analytics-chart-pass-rate"
          title={words.passRateChart}
          summary={`${stats.labs.map((lab) => words.passRateItem(lab.title, lab.passRate)).join(words.listSeparator)}`}
          tableLabel={t.showTable}
          // Each lab's whole title stands above its bar: cut short beside it, a title would lose words a
          // reader needs to tell labs apart, and a cut inside a name ("LSTM") leaves a fragment.
          plot={{
            height: 46 + 46 * bars.length,
            marginTop: 10,
            marginLeft: 16,
            marginRight: 48,
            x: { domain: [0, 100], label: `${words.passRate} (%)`, grid: true },
            y: { axis: null, domain: bars.map((bar) => bar.name), padding: 0.1 },
            marks: [
              Plot.barX(bars, { x: "rate", y: "name", fill: ACCENT, insetTop: 18 }),
              Plot.text(bars, { x: 0, y: "name", text: "name", dy: -11, textAnchor: "start", lineWidth: 60 }),
              Plot.text(bars, { x: "rate", y: "name", text: "label", dx: 4, dy: 9, textAnchor: "start" }),
              Plot.ruleX([0]),
            ],
          }}
          table={
            <DataTable
              caption={words.passRateChart}
              rows={stats.labs}
              rowKey={(lab) => lab.slug}
              columns={[
                {
                  key: "lab",
                  header: words.lab,
                  isRowHeader: true,
                  cell: (lab) => (
                    <>
                      {lab.title}
                      {!lab.isGraded && <span className="muted"> {words.practiceOnly}</span>}
                    </>
                  ),
                },
                { key: "tried", header: words.tried, cell: (lab) => lab.learnersTried },
                { key: "passed", header: words.passed, cell: (lab) => lab.learnersPassed },
                { key: "rate", header: words.passRate, cell: (lab) => percent(lab.passRate) },
                { key: "attempts", header: words.attempts, cell: (lab) => lab.attempts },
                {
                  key: "median-attempts",
                  header: words.medianAttemptsToPass,
                  cell: (lab) => lab.medianAttemptsToPass ?? "—",
                },
                { key: "median-hours", header: words.medianHoursToPass, cell: (lab) => hours(lab.medianHoursToPass) },
                {
                  key: "median-enrolment",
                  header: words.medianHoursFromEnrolment,
                  cell: (lab) => hours(lab.medianHoursFromEnrolment),
                },
              ]}
            />
          }
          csv={<CsvLink courseSlug={slug} dataset="labs" t={t} />}
        />
      )}
      {stats.labs.map((lab) => (
        <LabDetail key={lab.slug} lab={lab} courseSlug={slug} t={t} locale={locale} />
      ))}
    </section>
  );
}

function LabDetail({
  lab,
  courseSlug,
  t,
  locale,
}: {
  lab: LabStatisticsRow;
  courseSlug: string;
  t: AnalyticsMessages;
  locale: Locale;
}) {
  const words = t.labs;
  const headingId = `analytics-lab-${lab.slug}`;
  const counts = [...new Set([...lab.attemptsPerLearner, ...lab.attemptsToPass].map((count) => count.value))].sort(
    (a, b) => a - b,
  );
  const attemptRows = counts.map((attempts) => ({
    attempts,
    inAll: lab.attemptsPerLearner.find((count) => count.value === attempts)?.learners ?? 0,
    untilPass: lab.attemptsToPass.find((count) => count.value === attempts)?.learners ?? 0,
  }));
  const attemptBars = attemptRows.flatMap((row) => [
    { attempts: String(row.attempts), series: words.inAll, learners: row.inAll },
    { attempts: String(row.attempts), series: words.untilPass, learners: row.untilPass },
  ]);
  const timeBars = lab.timeToPass.map((bucket) => ({ label: words.buckets[bucket.value], learners: bucket.learners }));
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        {lab.title}
        {!lab.isGraded && <span className="muted"> {words.practiceOnly}</span>}
      </h3>
      {lab.learnersTried === 0 ? (
        <p className="empty">{words.noAttempts}</p>
      ) : (
        <>
          <ChartFigure
            testId="analytics-chart-attempts"
            title={words.attemptsChart(lab.title)}
            summary={words.attemptsSummary(lab.title, lab.learnersTried, lab.learnersPassed, lab.medianAttemptsToPass)}
            tableLabel={t.showTable}
            plot={{
              height: 220,
              marginBottom: 36,
              fx: { label: words.attemptCount, domain: counts.map(String), padding: 0.2 },
              x: { axis: null, domain: [words.inAll, words.untilPass] },
              y: {
                label: words.learners,
                grid: true,
                ticks: integerTicks(Math.max(...attemptBars.map((bar) => bar.learners))),
              },
              color: { domain: [words.inAll, words.untilPass], range: [ACCENT, GOOD] },
              marks: [
                Plot.barY(attemptBars, { fx: "attempts", x: "series", y: "learners", fill: "series" }),
                Plot.ruleY([0]),
              ],
            }}
            table={
              <DataTable
                caption={words.attemptsChart(lab.title)}
                rows={attemptRows}
                rowKey={(row) => row.attempts}
                columns={[
                  { key: "attempts", header: words.attemptCount, isRowHeader: true, cell: (row) => row.attempts },
                  { key: "in-all", header: words.inAll, cell: (row) => row.inAll },
                  { key: "until-pass", header: words.untilPass, cell: (row) => row.untilPass },
                ]}
              />
            }
            legend={
              <>
                <span className="legend-swatch" style={{ background: ACCENT }} aria-hidden="true" /> {words.inAll}{" "}
                <span className="legend-swatch" style={{ background: GOOD }} aria-hidden="true" /> {words.untilPass}
              </>
            }
            csv={<CsvLink courseSlug={courseSlug} dataset="lab-attempts" t={t} />}
          />
          {lab.learnersPassed > 0 && (
            <ChartFigure
              testId="analytics-chart-time-to-pass"
              title={words.timeChart(lab.title)}
              summary={`${words.timeSummary(lab.title, lab.learnersPassed, lab.medianHoursToPass)} ${words.timeDefinition}`}
              tableLabel={t.showTable}
              plot={{
                height: 40 + 28 * timeBars.length,
                marginLeft: 110,
                marginRight: 32,
                x: {
                  label: words.learners,
                  grid: true,
                  ticks: integerTicks(Math.max(...timeBars.map((bar) => bar.learners))),
                },
                y: { label: null, domain: timeBars.map((bar) => bar.label) },
                marks: [
                  Plot.barX(timeBars, { x: "learners", y: "label", fill: GOOD }),
                  Plot.text(timeBars, { x: "learners", y: "label", text: "learners", dx: 4, textAnchor: "start" }),
                  Plot.ruleX([0]),
                ],
              }}
              table={
                <DataTable
                  caption={words.timeChart(lab.title)}
                  rows={timeBars}
                  rowKey={(bar) => bar.label}
                  columns={[
                    { key: "bucket", header: words.bucket, isRowHeader: true, cell: (bar) => bar.label },
                    { key: "learners", header: words.learners, cell: (bar) => bar.learners },
                  ]}
                />
              }
              csv={<CsvLink courseSlug={courseSlug} dataset="lab-time-to-pass" t={t} />}
            />
          )}
        </>
      )}
      <h4>{words.failures(lab.title)}</h4>
      <DataTable
        caption={words.failures(lab.title)}
        rows={lab.failures}
        rowKey={(failure) => `${failure.kind}:${failure.code}`}
        empty={words.noFailures}
        columns={[
          {
            key: "kind",
            header: words.kind,
            cell: (failure) =>
              failure.kind === "LEARNER" || failure.kind === "PLATFORM" ? words.kinds[failure.kind] : words.kinds.none,
          },
          {
            key: "code",
            header: words.code,
            cell: (failure) => (
              <>
                {failure.code && <code>{failure.code}</code>}{" "}
                <span className="muted">
                  {failureHeadline(locale, { failureKind: failure.kind, failureCode: failure.code })}
                </span>
              </>
            ),
          },
          { key: "count", header: words.count, cell: (failure) => failure.count },
        ]}
      />
      {lab.failures.length > 0 && (
        <p className="analytics-csv">
          <CsvLink courseSlug={courseSlug} dataset="lab-failures" t={t} />
        </p>
      )}
      <h4>{words.messages(lab.title)}</h4>
      <p className="muted">{words.messagesNote}</p>
      <DataTable
        caption={words.messages(lab.title)}
        rows={lab.messages}
        rowKey={(message) => message.message}
        empty={words.noMessages}
        columns={[
          {
            key: "message",
            header: words.message,
            // The grader's words (quoting the learner's error), shown as the program wrote them.
            cell: (message) => (
              <samp>
                {message.message}
                {message.isTruncated && "…"}
              </samp>
            ),
          },
          { key: "count", header: words.count, cell: (message) => message.count },
        ]}
      />
      {lab.messages.length > 0 && (
        <p className="analytics-csv">
          <CsvLink courseSlug={courseSlug} dataset="lab-messages" t={t} />
        </p>
      )}
    </section>
  );
}
