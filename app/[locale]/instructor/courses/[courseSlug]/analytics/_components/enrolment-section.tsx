import * as Plot from "@observablehq/plot";
import { DataTable } from "@/app/_components/data-table";
import type { EnrolmentTimeline } from "@/lib/analytics/get-enrolment-timeline";
import type { AnalyticsMessages } from "@/lib/i18n/analytics-messages";
import { ChartFigure } from "./chart-figure";
import { ACCENT, GOOD } from "./chart-colours";
import { CsvLink } from "./csv-link";

const DAY_MS = 86_400_000;

export function EnrolmentSection({ timeline, t }: { timeline: EnrolmentTimeline; t: AnalyticsMessages }) {
  const words = t.enrolment;
  const points = timeline.points.map((point) => ({ ...point, date: new Date(`${point.period}T00:00:00Z`) }));
  const first = points[0];
  const last = points.at(-1);
  return (
    <section aria-labelledby="analytics-enrolment">
      <h2 id="analytics-enrolment">{words.heading}</h2>
      {!first || !last ? (
        <p className="empty">{words.empty}</p>
      ) : (
        <ChartFigure
          testId="analytics-chart-enrolment"
          title={words.chart}
          summary={`${words.summary(timeline.enrolledTotal, timeline.completedTotal, first.period, last.period)} ${words.note}`}
          tableLabel={t.showTable}
          plot={{
            height: 260,
            marginRight: 120,
            marginBottom: 36,
            x: {
              type: "utc",
              label: words.axisDate,
              // A day either side, so a course one day old still has a width to draw in.
              domain: [new Date(first.date.getTime() - DAY_MS), new Date(last.date.getTime() + DAY_MS)],
              ticks: 5,
              tickFormat: (date: Date) => date.toISOString().slice(5, 10),
            },
            y: { label: words.axisCount, grid: true, zero: true },
            marks: [
              Plot.lineY(points, {
                x: "date",
                y: "enrolledTotal",
                stroke: ACCENT,
                strokeWidth: 2,
                curve: "step-after",
              }),
              Plot.lineY(points, {
                x: "date",
                y: "completedTotal",
                stroke: GOOD,
                strokeWidth: 2,
                strokeDasharray: "6 3",
                curve: "step-after",
              }),
              Plot.dot([last], { x: "date", y: "enrolledTotal", fill: ACCENT }),
              Plot.dot([last], { x: "date", y: "completedTotal", fill: GOOD }),
              Plot.text([last], {
                x: "date",
                y: "enrolledTotal",
                text: () => `${words.enrolledTotal} ${last.enrolledTotal}`,
                dx: 8,
                dy: -8,
                textAnchor: "start",
                fill: ACCENT,
              }),
              Plot.text([last], {
                x: "date",
                y: "completedTotal",
                text: () => `${words.completedTotal} ${last.completedTotal}`,
                dx: 8,
                dy: 8,
                textAnchor: "start",
                fill: GOOD,
              }),
            ],
          }}
          table={
            <DataTable
              caption={words.chart}
              rows={timeline.points}
              rowKey={(point) => point.period}
              columns={[
                { key: "period", header: words.period(timeline.granularity), isRowHeader: true, cell: (p) => p.period },
                { key: "enrolled", header: words.enrolled, cell: (p) => p.enrolled },
                { key: "enrolled-total", header: words.enrolledTotal, cell: (p) => p.enrolledTotal },
                { key: "completed", header: words.completed, cell: (p) => p.completed },
                { key: "completed-total", header: words.completedTotal, cell: (p) => p.completedTotal },
              ]}
            />
          }
          csv={<CsvLink courseSlug={timeline.course.slug} dataset="enrolment" t={t} />}
        />
      )}
    </section>
  );
}
