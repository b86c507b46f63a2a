import type { EpochPointView } from "@/lib/submissions/get-submission";

const WIDTH = 560;
const HEIGHT = 200;
const PAD = 36;

/** Training loss per epoch as a small inline SVG line chart (no chart library needed for one line). */
export function LossChart({ points }: { points: EpochPointView[] }) {
  const losses = points.map((point) => point.loss).filter((loss): loss is number => loss !== null && Number.isFinite(loss));
  if (losses.length === 0) return <p className="empty">The loss was not a finite number in any epoch.</p>;
  const max = Math.max(...losses);
  const min = Math.min(0, ...losses);
  const span = max - min || 1;
  const lastEpoch = Math.max(1, points.length - 1);
  const coordinates = points
    .map((point, index) => (point.loss === null || !Number.isFinite(point.loss) ? null : [PAD + (index / lastEpoch) * (WIDTH - 2 * PAD), HEIGHT - PAD - ((point.loss - min) / span) * (HEIGHT - 2 * PAD)]))
    .filter((xy): xy is number[] => xy !== null);
  const path = coordinates.map(([x, y], index) => `${index === 0 ? "M" : "L"}${x?.toFixed(1)},${y?.toFixed(1)}`).join(" ");
  return (
    <figure className="card" style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Training loss over ${points.length} epochs, from ${losses[0]?.toPrecision(3)} to ${losses.at(-1)?.toPrecision(3)}`} style={{ width: "100%", maxWidth: WIDTH }}>
        <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} stroke="currentColor" opacity="0.4" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} stroke="currentColor" opacity="0.4" />
        <text x={PAD - 4} y={PAD + 4} fontSize="11" textAnchor="end">{max.toPrecision(3)}</text>
        <text x={PAD - 4} y={HEIGHT - PAD} fontSize="11" textAnchor="end">{min.toPrecision(3)}</text>
        <text x={WIDTH / 2} y={HEIGHT - 8} fontSize="11" textAnchor="middle">epoch</text>
        <path d={path} fill="none" stroke="var(--accent)" strokeWidth="2" />
        {coordinates.map(([x, y], index) => (
          <circle key={index} cx={x} cy={y} r="3" fill="var(--accent)" />
        ))}
      </svg>
      <figcaption className="muted">Training loss per epoch</figcaption>
    </figure>
  );
}
