// Observable Plot drawn on the server: Plot builds its SVG with whatever DOM it is handed, here a
// linkedom document, so the page ships a finished drawing and no chart script (nothing for the CSP to
// allow, and it reads without JavaScript). The drawing is one image for assistive technology: the
// SVG is role="img" named by the chart's title and described by its text summary, and the labels
// Plot puts on its inner groups ("x-axis tick", ...) are dropped, since they would be read as English
// on a Chinese page and say nothing a reader needs; the numbers are in the table under each chart.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** Wide enough for lab titles beside their bars, narrow enough that a phone's scaling keeps the text legible. */
export const CHART_WIDTH = 560;

export interface PlotAccessibility {
  /** id of the element holding the chart's title. */
  labelledBy: string;
  /** id of the element holding its text summary. */
  describedBy: string;
}

/** The chart `options` describe, as SVG markup. */
export function renderPlot(options: Plot.PlotOptions, { labelledBy, describedBy }: PlotAccessibility): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const chart = Plot.plot({
    width: CHART_WIDTH,
    style: { fontFamily: "inherit", fontSize: "12px", background: "transparent", overflow: "visible" },
    ...options,
    document,
  });
  for (const element of chart.querySelectorAll("[aria-label], [aria-description]")) {
    element.removeAttribute("aria-label");
    element.removeAttribute("aria-description");
  }
  chart.removeAttribute("aria-label");
  chart.removeAttribute("aria-description");
  chart.setAttribute("role", "img");
  chart.setAttribute("aria-labelledby", labelledBy);
  chart.setAttribute("aria-describedby", describedBy);
  chart.setAttribute("focusable", "false");
  return chart.outerHTML;
}

/** Whole-number tick values from 0 to at least `max`, at most about six of them: counts of learners have no halves. */
export function integerTicks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 5));
  return Array.from({ length: Math.floor(Math.max(max, 1) / step) + 1 }, (_, index) => index * step);
}
