// The arithmetic of course analytics, apart from the database so each formula is unit-tested with
// hand-computed values: item difficulty and discrimination, the flags that mark a doubtful quiz
// question, score histograms, time-to-first-pass buckets and cumulative day-by-day series.

/** Items answered by fewer learners than this are never flagged: a handful of answers says little. */
export const MIN_RESPONSES_TO_FLAG = 5;
/** Nearly everyone gets it right: it tells learners apart no better than a free point. */
export const TOO_EASY_ABOVE = 0.95;
/** Nearly everyone gets it wrong: often a wrong key or an unclear prompt. */
export const TOO_HARD_BELOW = 0.2;
/** Learners who do well on the rest of the quiz are hardly more likely to get it right. */
export const LOW_DISCRIMINATION_BELOW = 0.1;

export type ItemFlag = "too_easy" | "too_hard" | "low_discrimination" | "distractor_beats_key";

/** Difficulty index p: the proportion of responses that were correct (higher is easier); null with none. */
export function itemDifficulty(correct: readonly boolean[]): number | null {
  if (correct.length === 0) return null;
  return correct.filter(Boolean).length / correct.length;
}

/**
 * Discrimination as the point-biserial correlation between the item score x (1 correct, 0 not) and
 * the rest score y (the learner's score on the attempt's other questions, as a proportion of their
 * points, so the item does not correlate with itself):
 *
 *   r_pb = (M1 − M0) / s_y · √(p · q)
 *
 * where M1 and M0 are the mean rest scores of those who got the item right and wrong, s_y the
 * population standard deviation of all rest scores, p the proportion correct and q = 1 − p. It is
 * Pearson's r with one variable binary. Null when it is undefined: fewer than two responses, everyone
 * right or everyone wrong, or rest scores that do not vary.
 */
export function pointBiserial(pairs: readonly { isCorrect: boolean; rest: number }[]): number | null {
  const n = pairs.length;
  if (n < 2) return null;
  const right = pairs.filter((pair) => pair.isCorrect);
  const wrong = pairs.filter((pair) => !pair.isCorrect);
  if (right.length === 0 || wrong.length === 0) return null;
  const mean = (values: readonly { rest: number }[]) =>
    values.reduce((sum, pair) => sum + pair.rest, 0) / values.length;
  const overall = mean(pairs);
  const deviation = Math.sqrt(pairs.reduce((sum, pair) => sum + (pair.rest - overall) ** 2, 0) / n);
  if (deviation === 0) return null;
  const p = right.length / n;
  return ((mean(right) - mean(wrong)) / deviation) * Math.sqrt(p * (1 - p));
}

export interface ChoiceCount {
  choiceId: string;
  isKey: boolean;
  count: number;
}

/** Whether some wrong choice was picked more often than a right one (for MULTIPLE, than the least-picked right one). */
export function hasDistractorAboveKey(choices: readonly ChoiceCount[]): boolean {
  const keyCounts = choices.filter((choice) => choice.isKey).map((choice) => choice.count);
  if (keyCounts.length === 0) return false;
  const weakestKey = Math.min(...keyCounts);
  return choices.some((choice) => !choice.isKey && choice.count > weakestKey);
}

/** What looks wrong with a quiz item, from its statistics; nothing below MIN_RESPONSES_TO_FLAG responses. */
export function itemFlags({
  responses,
  difficulty,
  discrimination,
  choices,
}: {
  responses: number;
  difficulty: number | null;
  discrimination: number | null;
  choices: readonly ChoiceCount[];
}): ItemFlag[] {
  if (responses < MIN_RESPONSES_TO_FLAG || difficulty === null) return [];
  const flags: ItemFlag[] = [];
  if (difficulty > TOO_EASY_ABOVE) flags.push("too_easy");
  if (difficulty < TOO_HARD_BELOW) flags.push("too_hard");
  if (discrimination !== null && discrimination < LOW_DISCRIMINATION_BELOW) flags.push("low_discrimination");
  if (hasDistractorAboveKey(choices)) flags.push("distractor_beats_key");
  return flags;
}

export interface HistogramBin {
  /** Inclusive lower edge, in percent. */
  from: number;
  /** Exclusive upper edge, except the last bin, which holds 100 as well. */
  to: number;
  count: number;
}

/** Percent scores (0-100) counted in bins `width` wide: [0, 10), [10, 20), ... [90, 100]. */
export function percentHistogram(percents: readonly number[], width = 10): HistogramBin[] {
  const binCount = Math.ceil(100 / width);
  const bins = Array.from({ length: binCount }, (_, index) => ({
    from: index * width,
    to: Math.min(100, (index + 1) * width),
    count: 0,
  }));
  for (const percent of percents) {
    if (!Number.isFinite(percent)) continue;
    const clamped = Math.min(100, Math.max(0, percent));
    // A small tolerance so 70 stored as 69.99999999 lands in [70, 80), as the grader would pass it.
    const index = Math.min(binCount - 1, Math.floor((clamped + 1e-9) / width));
    const bin = bins[index];
    if (bin) bin.count += 1;
  }
  return bins;
}

/** The value at quantile `q` (0..1) of `values`, linearly interpolated (the R-7 rule spreadsheets use); null for none. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? 0;
  const high = sorted[upper] ?? low;
  return low + (high - low) * (position - lower);
}

export const TIME_TO_PASS_BUCKETS = [
  "first_try",
  "under_hour",
  "under_day",
  "under_3_days",
  "under_week",
  "longer",
] as const;
export type TimeToPassBucket = (typeof TIME_TO_PASS_BUCKETS)[number];

/**
 * The bucket of one learner's time to first pass: from their first graded attempt at the lab to the
 * submission that first passed it. Passing on the first attempt is a bucket of its own ("first_try"),
 * whatever the hours.
 */
export function timeToPassBucket(attemptsToPass: number, hours: number): TimeToPassBucket {
  if (attemptsToPass <= 1) return "first_try";
  if (hours < 1) return "under_hour";
  if (hours < 24) return "under_day";
  if (hours < 72) return "under_3_days";
  if (hours < 168) return "under_week";
  return "longer";
}

export interface DayCount {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  count: number;
}

export interface TimelinePoint {
  /** The first UTC day of the period, YYYY-MM-DD. */
  period: string;
  enrolled: number;
  enrolledTotal: number;
  completed: number;
  completedTotal: number;
}

/** Periods longer than this many days are shown week by week, so the chart keeps a readable number of points. */
export const DAILY_UP_TO_DAYS = 120;

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

function dayText(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Enrolments and completions per period with running totals, every period from the first event to
 * the last present (empty ones included, so the chart's spacing is time). Daily, or weekly (weeks
 * starting on Monday) when the span passes DAILY_UP_TO_DAYS.
 */
export function cumulativeTimeline(
  enrolments: readonly DayCount[],
  completions: readonly DayCount[],
): { granularity: "day" | "week"; points: TimelinePoint[] } {
  const days = [...enrolments, ...completions].map((row) => dayNumber(row.day));
  if (days.length === 0) return { granularity: "day", points: [] };
  const first = Math.min(...days);
  const last = Math.max(...days);
  const granularity = last - first + 1 > DAILY_UP_TO_DAYS ? "week" : "day";
  // Day 0 (1970-01-01) was a Thursday; Monday-based weeks start 3 days earlier.
  const periodOf = (dayNo: number) => (granularity === "day" ? dayNo : dayNo - ((dayNo + 3) % 7));
  const start = periodOf(first);
  const step = granularity === "day" ? 1 : 7;
  const points = new Map<number, TimelinePoint>();
  for (let period = start; period <= last; period += step)
    points.set(period, { period: dayText(period), enrolled: 0, enrolledTotal: 0, completed: 0, completedTotal: 0 });
  for (const row of enrolments) {
    const point = points.get(periodOf(dayNumber(row.day)));
    if (point) point.enrolled += row.count;
  }
  for (const row of completions) {
    const point = points.get(periodOf(dayNumber(row.day)));
    if (point) point.completed += row.count;
  }
  let enrolledTotal = 0;
  let completedTotal = 0;
  const series = [...points.values()];
  for (const point of series) {
    enrolledTotal += point.enrolled;
    completedTotal += point.completed;
    point.enrolledTotal = enrolledTotal;
    point.completedTotal = completedTotal;
  }
  return { granularity, points: series };
}
