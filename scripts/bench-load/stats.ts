// Latency bookkeeping for the load bench: every request's duration, summarised as percentiles.

export interface LatencySummary {
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return Math.round((sorted[rank] ?? 0) * 10) / 10;
}

export function summarise(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.length > 0 ? Math.round((sorted.at(-1) ?? 0) * 10) / 10 : null,
  };
}

/** Requests of one kind: how long each took and how each was answered. */
export class RequestLog {
  readonly durationsMs: number[] = [];
  readonly statuses = new Map<string, number>();

  record(durationMs: number, outcome: string): void {
    this.durationsMs.push(durationMs);
    this.statuses.set(outcome, (this.statuses.get(outcome) ?? 0) + 1);
  }

  summary(): LatencySummary & { outcomes: Record<string, number> } {
    return { ...summarise(this.durationsMs), outcomes: Object.fromEntries([...this.statuses].sort()) };
  }
}
