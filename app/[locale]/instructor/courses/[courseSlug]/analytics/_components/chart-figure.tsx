// One analytics chart: its title, the drawing (Observable Plot, rendered on the server), a sentence
// saying what it shows, the same numbers as a table, and the CSV of those numbers.
import { useId, type ReactNode } from "react";
import type * as Plot from "@observablehq/plot";
import { renderPlot } from "./render-plot";

export function ChartFigure({
  title,
  summary,
  plot,
  table,
  tableLabel,
  legend,
  csv,
  testId,
}: {
  title: string;
  summary: string;
  plot: Plot.PlotOptions;
  table: ReactNode;
  tableLabel: string;
  /** What the colours mean, when the marks alone do not say. */
  legend?: ReactNode;
  csv: ReactNode;
  testId?: string;
}) {
  const titleId = useId();
  const summaryId = useId();
  const svg = renderPlot(plot, { labelledBy: titleId, describedBy: summaryId });
  return (
    <figure className="analytics-chart" data-testid={testId}>
      <figcaption id={titleId} className="analytics-chart-title">
        {title}
      </figcaption>
      {/* Plot's own markup: every text in it went through the DOM's escaping (render-plot.ts). */}
      <div className="analytics-chart-drawing" dangerouslySetInnerHTML={{ __html: svg }} />
      {legend && <p className="analytics-legend">{legend}</p>}
      <p id={summaryId}>{summary}</p>
      <details>
        <summary>{tableLabel}</summary>
        {table}
      </details>
      <p className="analytics-csv">{csv}</p>
    </figure>
  );
}
