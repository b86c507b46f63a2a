import * as Plot from "@observablehq/plot";
import { DataTable } from "@/app/_components/data-table";
import type { ExamScoreDistribution } from "@/lib/analytics/get-exam-score-distribution";
import type { AnalyticsMessages } from "@/lib/i18n/analytics-messages";
import { ChartFigure } from "./chart-figure";
import { integerTicks } from "./render-plot";
import { ACCENT, BAD } from "./chart-colours";
import { CsvLink } from "./csv-link";

export function ExamSection({ distribution, t }: { distribution: ExamScoreDistribution; t: AnalyticsMessages }) {
  const words = t.exam;
  return (
    <section aria-labelledby="analytics-exam">
      <h2 id="analytics-exam">{words.heading}</h2>
      {distribution.exams.length === 0 && <p className="empty">{words.empty}</p>}
      {distribution.exams.map((exam) =>
        exam.learners === 0 ? (
          <p key={exam.slug} className="empty">
            {exam.title}: {words.noAttempts}
          </p>
        ) : (
          <ChartFigure
            key={exam.slug}
            testId="analytics-chart-exam"
            title={words.chart(exam.title)}
            summary={words.summary(exam.title, exam.learners, exam.passed, exam.median, exam.passPercent)}
            tableLabel={t.showTable}
            plot={{
              height: 240,
              marginBottom: 36,
              x: { domain: [0, 100], label: words.axisScore, ticks: 10 },
              y: {
                label: words.learners,
                grid: true,
                ticks: integerTicks(Math.max(...exam.bins.map((bin) => bin.count))),
              },
              marks: [
                Plot.rectY(exam.bins, { x1: "from", x2: "to", y: "count", fill: ACCENT, insetLeft: 1, insetRight: 1 }),
                Plot.ruleX([exam.passPercent], { stroke: BAD, strokeWidth: 2, strokeDasharray: "4 3" }),
                Plot.ruleY([0]),
              ],
            }}
            table={
              <DataTable
                caption={words.chart(exam.title)}
                rows={exam.bins}
                rowKey={(bin) => bin.from}
                columns={[
                  {
                    key: "bin",
                    header: words.bin,
                    isRowHeader: true,
                    cell: (bin) => `${bin.from}–${bin.to}%`,
                  },
                  { key: "learners", header: words.learners, cell: (bin) => bin.count },
                ]}
              />
            }
            csv={<CsvLink courseSlug={distribution.course.slug} dataset="exam-scores" t={t} />}
          />
        ),
      )}
    </section>
  );
}
