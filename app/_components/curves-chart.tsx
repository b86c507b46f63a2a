// Training curves as an inline SVG: no chart library in the bundle, readable without JavaScript,
// and a table of the same numbers for screen readers. The learner's live page and the instructor's
// submission page both draw a submission's curves with it. An attempt of several training runs is
// drawn by its first run's curve: runs overlap in epochs, and their scores are listed beside it.
import type { EpochPointView } from "@/lib/submissions/get-submission";
import { DataTable } from "./data-table";

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 56, right: 16, top: 16, bottom: 32 };
const COLOURS = ["#2f5bd3", "#b3261e", "#1f7a3d", "#8a5a00", "#6b3fa0"];

/** Loss and, where training reported one, its metric (accuracy or error as fit() logged it). */
function seriesOf(points: EpochPointView[]): { name: string; values: [number, number][] }[] {
  const values = (read: (point: EpochPointView) => number | null | undefined) =>
    points.flatMap((point): [number, number][] => {
      const value = read(point);
      return typeof value === "number" && Number.isFinite(value) ? [[point.epoch, value]] : [];
    });
  return [
    { name: "loss", values: values((point) => point.loss) },
    { name: "training metric", values: values((point) => point.metric) },
  ];
}

export function CurvesChart({ points: allRuns }: { points: EpochPointView[] }) {
  const points = allRuns.filter((point) => (point.run ?? 1) === 1);
  const series = seriesOf(points).filter((line) => line.values.length > 0);
  if (series.length === 0) return <p className="empty">No training curves were recorded for this submission.</p>;
  const loss = series.find((line) => line.name === "loss");
  const label = loss
    ? `Training loss over ${points.length} epochs, ` +
      `from ${loss.values[0]?.[1].toPrecision(3)} to ${loss.values.at(-1)?.[1].toPrecision(3)}` +
      `${series.length > 1 ? ", with the training metric" : ""}`
    : `Training metric over ${points.length} epochs`;
  const all = series.flatMap((line) => line.values);
  const [minX, maxX] = [Math.min(...all.map(([x]) => x)), Math.max(...all.map(([x]) => x))];
  const [minY, maxY] = [Math.min(...all.map(([, y]) => y)), Math.max(...all.map(([, y]) => y))];
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  const x = (value: number) => PAD.left + ((value - minX) / spanX) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => HEIGHT - PAD.bottom - ((value - minY) / spanY) * (HEIGHT - PAD.top - PAD.bottom);
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={label}
        style={{ maxWidth: `${WIDTH}px`, background: "var(--paper)", border: "1px solid var(--line)", borderRadius: 8 }}
      >
        <line x1={PAD.left} y1={HEIGHT - PAD.bottom} x2={WIDTH - PAD.right} y2={HEIGHT - PAD.bottom} stroke="#999" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} stroke="#999" />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" fontSize="11">
          {maxY.toPrecision(3)}
        </text>
        <text x={PAD.left - 6} y={HEIGHT - PAD.bottom} textAnchor="end" fontSize="11">
          {minY.toPrecision(3)}
        </text>
        <text x={PAD.left} y={HEIGHT - 10} fontSize="11">
          epoch {minX}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 10} textAnchor="end" fontSize="11">
          epoch {maxX}
        </text>
        {series.map((line, index) => (
          <polyline
            key={line.name}
            fill="none"
            stroke={COLOURS[index % COLOURS.length]}
            strokeWidth={2}
            points={line.values.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(" ")}
          />
        ))}
      </svg>
      <figcaption style={{ display: "flex", gap: "1rem", flexWrap: "wrap" }}>
        {series.map((line, index) => (
          <span key={line.name}>
            <span aria-hidden="true" style={{ color: COLOURS[index % COLOURS.length] }}>
              ■
            </span>{" "}
            {line.name}
          </span>
        ))}
      </figcaption>
      <details>
        <summary>The numbers</summary>
        <DataTable
          caption="Training curves by epoch"
          rows={points}
          rowKey={(point) => point.epoch}
          columns={[
            { key: "epoch", header: "Epoch", cell: (point) => point.epoch },
            ...series.map((line) => ({
              key: line.name,
              header: line.name,
              cell: (point: EpochPointView) =>
                line.values.find(([epoch]) => epoch === point.epoch)?.[1].toPrecision(4) ?? "—",
            })),
          ]}
        />
      </details>
    </figure>
  );
}
