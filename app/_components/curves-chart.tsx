// Training curves as an inline SVG: no chart library in the bundle, readable without JavaScript,
// and a table of the same numbers for screen readers. The learner's live page, the practice check
// and the instructor's submission page draw a submission's curves with it. An attempt of several
// training runs is drawn by its first run's curve: runs overlap in epochs, and their scores are
// listed beside it. Loss and the training metric have scales of their own (a loss of 18 beside an
// accuracy of 0.9 would flatten one of them), so each has its own labelled axis.
import type { Locale } from "@/lib/courses/content-schema";
import { resultsMessagesFor } from "@/lib/i18n/results-messages";
import type { EpochPointView } from "@/lib/submissions/get-submission";
import { DataTable } from "./data-table";

// Narrow enough that its text stays legible when a phone scales the drawing down to its width.
const WIDTH = 480;
const HEIGHT = 260;
const PAD = { left: 64, right: 64, top: 16, bottom: 44 };
const PLOT_WIDTH = WIDTH - PAD.left - PAD.right;
const PLOT_HEIGHT = HEIGHT - PAD.top - PAD.bottom;
const Y_TICKS = 4;
const MAX_X_TICKS = 6;
const FONT = 12;

type SeriesKey = "loss" | "metric";
interface Series {
  key: SeriesKey;
  name: string;
  colour: string;
  /** Told apart by dashes as well as colour. */
  dash?: string;
  /** The side of the plot its axis is drawn on. */
  side: "left" | "right";
  values: Map<number, number>;
}

function valuesOf(points: EpochPointView[], read: (point: EpochPointView) => number | null | undefined) {
  const values = new Map<number, number>();
  for (const point of points) {
    const value = read(point);
    if (typeof value === "number" && Number.isFinite(value)) values.set(point.epoch, value);
  }
  return values;
}

function format(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/** Whole epochs from first to last, at most MAX_X_TICKS of them, always including both ends. */
function epochTicks(first: number, last: number): number[] {
  const step = Math.max(1, Math.ceil((last - first) / (MAX_X_TICKS - 1)));
  const ticks: number[] = [];
  for (let epoch = first; epoch < last; epoch += step) ticks.push(epoch);
  ticks.push(last);
  // The last regular tick may sit too close to the final epoch to read both labels.
  const beforeLast = ticks.at(-2);
  if (ticks.length > 2 && beforeLast !== undefined && last - beforeLast < step / 2) ticks.splice(-2, 1);
  return ticks;
}

export function CurvesChart({ points: allRuns, locale }: { points: EpochPointView[]; locale: Locale }) {
  const t = resultsMessagesFor(locale).chart;
  const points = allRuns.filter((point) => (point.run ?? 1) === 1);
  const candidates: Series[] = [
    {
      key: "loss",
      name: t.loss,
      colour: "#2f5bd3",
      side: "left",
      values: valuesOf(points, (point) => point.loss),
    },
    {
      key: "metric",
      name: t.metric,
      colour: "#b3261e",
      dash: "6 4",
      side: "right",
      values: valuesOf(points, (point) => point.metric),
    },
  ];
  const series = candidates.filter((line) => line.values.size > 0);
  const first = series[0];
  if (!first) return <p className="empty">{t.empty}</p>;
  // With one series only, its axis goes on the left where a reader looks first.
  if (series.length === 1) first.side = "left";

  const epochs = [...new Set(series.flatMap((line) => [...line.values.keys()]))].sort((a, b) => a - b);
  const minX = epochs[0] ?? 0;
  const maxX = epochs.at(-1) ?? minX;
  const x = (epoch: number) =>
    PAD.left + (maxX === minX ? PLOT_WIDTH / 2 : ((epoch - minX) / (maxX - minX)) * PLOT_WIDTH);
  const scales = new Map(
    series.map((line) => {
      const values = [...line.values.values()];
      const low = Math.min(...values);
      const high = Math.max(...values);
      const span = high - low || Math.abs(high) || 1;
      const bottom = high === low ? low - span / 2 : low;
      return [
        line.key,
        {
          ticks: Array.from({ length: Y_TICKS + 1 }, (_, i) => bottom + (span * i) / Y_TICKS),
          y: (value: number) => PAD.top + PLOT_HEIGHT - ((value - bottom) / span) * PLOT_HEIGHT,
        },
      ] as const;
    }),
  );
  const loss = series.find((line) => line.key === "loss");
  const lossValues = loss ? [...loss.values.values()] : [];
  const label =
    loss && lossValues.length > 0
      ? t.label(
          points.length,
          format(lossValues[0] ?? 0),
          format(lossValues.at(-1) ?? 0),
          series.some((line) => line.key === "metric"),
        )
      : t.metricOnlyLabel(points.length);
  const describe = (epoch: number) =>
    t.point(
      epoch,
      series
        .map((line) => `${line.name} ${line.values.has(epoch) ? format(line.values.get(epoch) ?? 0) : "—"}`)
        .join(", "),
    );
  const slot = epochs.length > 1 ? PLOT_WIDTH / (epochs.length - 1) : PLOT_WIDTH;

  return (
    <figure className="curves-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label}>
        <line
          x1={PAD.left}
          y1={PAD.top + PLOT_HEIGHT}
          x2={PAD.left + PLOT_WIDTH}
          y2={PAD.top + PLOT_HEIGHT}
          stroke="#6b7280"
        />
        {epochTicks(minX, maxX).map((epoch) => (
          <g key={epoch}>
            <line
              x1={x(epoch)}
              y1={PAD.top + PLOT_HEIGHT}
              x2={x(epoch)}
              y2={PAD.top + PLOT_HEIGHT + 5}
              stroke="#6b7280"
            />
            <text x={x(epoch)} y={PAD.top + PLOT_HEIGHT + 18} textAnchor="middle" fontSize={FONT}>
              {epoch}
            </text>
          </g>
        ))}
        <text x={PAD.left + PLOT_WIDTH / 2} y={HEIGHT - 6} textAnchor="middle" fontSize={FONT}>
          {t.epoch}
        </text>
        {series.map((line) => {
          const scale = scales.get(line.key);
          if (!scale) return null;
          const axisX = line.side === "left" ? PAD.left : PAD.left + PLOT_WIDTH;
          const outward = line.side === "left" ? -1 : 1;
          return (
            <g key={line.key}>
              <line x1={axisX} y1={PAD.top} x2={axisX} y2={PAD.top + PLOT_HEIGHT} stroke={line.colour} />
              {scale.ticks.map((tick) => (
                <g key={tick}>
                  <line
                    x1={axisX}
                    y1={scale.y(tick)}
                    x2={axisX + 5 * outward}
                    y2={scale.y(tick)}
                    stroke={line.colour}
                  />
                  <text
                    x={axisX + 8 * outward}
                    y={scale.y(tick) + 4}
                    textAnchor={line.side === "left" ? "end" : "start"}
                    fontSize={FONT}
                    fill={line.colour}
                  >
                    {format(tick)}
                  </text>
                </g>
              ))}
              <text
                transform={`translate(${line.side === "left" ? 14 : WIDTH - 14} ${PAD.top + PLOT_HEIGHT / 2}) rotate(${
                  line.side === "left" ? -90 : 90
                })`}
                textAnchor="middle"
                fontSize={FONT}
                fill={line.colour}
              >
                {line.name}
              </text>
              <polyline
                fill="none"
                stroke={line.colour}
                strokeWidth={2}
                strokeDasharray={line.dash}
                points={[...line.values]
                  .map(([epoch, value]) => `${x(epoch).toFixed(1)},${scale.y(value).toFixed(1)}`)
                  .join(" ")}
              />
              {[...line.values].map(([epoch, value]) => (
                <circle key={epoch} cx={x(epoch)} cy={scale.y(value)} r={2.5} fill={line.colour} />
              ))}
            </g>
          );
        })}
        {/* One band per epoch, the full height of the plot, so a pointer anywhere above an epoch shows its values. */}
        {epochs.map((epoch) => (
          <rect
            key={epoch}
            className="curves-hover"
            x={x(epoch) - slot / 2}
            y={PAD.top}
            width={slot}
            height={PLOT_HEIGHT}
          >
            <title>{describe(epoch)}</title>
          </rect>
        ))}
      </svg>
      <figcaption>
        {series.map((line) => (
          <span key={line.key} className="curves-legend">
            <svg width="24" height="10" aria-hidden="true">
              <line x1="0" y1="5" x2="24" y2="5" stroke={line.colour} strokeWidth={2} strokeDasharray={line.dash} />
            </svg>{" "}
            {line.name}
          </span>
        ))}
        {series.length > 1 && <span className="muted">{t.axes}</span>}
      </figcaption>
      <details>
        <summary>{t.numbers}</summary>
        <DataTable
          caption={t.tableCaption}
          rows={epochs}
          rowKey={(epoch) => epoch}
          columns={[
            { key: "epoch", header: t.epoch, cell: (epoch) => epoch, isRowHeader: true },
            ...series.map((line) => ({
              key: line.key,
              header: line.name,
              cell: (epoch: number) => line.values.get(epoch)?.toPrecision(4) ?? "—",
            })),
          ]}
        />
      </details>
    </figure>
  );
}
