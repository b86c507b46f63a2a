// The mean of a few independent runs and how far it can be trusted: the sample standard deviation
// and a 95% confidence interval from Student's t with n-1 degrees of freedom. Small n is the
// whole point here (a graded attempt makes at most five runs), so the normal approximation would
// draw the interval far too narrow; the t quantiles are tabulated rather than computed.

/** Two-sided 95% quantiles of Student's t, t(0.975, df), for df = 1..10 (standard tables). */
const T_975 = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281] as const;

export const CONFIDENCE_LEVEL = 0.95;

export interface MeanInterval {
  count: number;
  mean: number;
  /** Sample standard deviation (divides by n-1); null for a single value, which says nothing about spread. */
  standardDeviation: number | null;
  /** mean ± t·s/√n; null for a single value, where no interval can be drawn. */
  interval: { low: number; high: number } | null;
}

/** t(0.975, df) for the degrees of freedom a graded attempt can have. */
export function studentT975(degreesOfFreedom: number): number {
  const quantile = T_975[degreesOfFreedom - 1];
  if (quantile === undefined)
    throw new RangeError(`no t quantile tabulated for ${degreesOfFreedom} degrees of freedom`);
  return quantile;
}

export function meanInterval(values: readonly number[]): MeanInterval {
  const count = values.length;
  if (count === 0) throw new RangeError("the mean of no values is undefined");
  if (!values.every(Number.isFinite)) throw new RangeError("every value must be a finite number");
  const mean = values.reduce((sum, value) => sum + value, 0) / count;
  if (count === 1) return { count, mean, standardDeviation: null, interval: null };
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (count - 1);
  const standardDeviation = Math.sqrt(variance);
  const halfWidth = (studentT975(count - 1) * standardDeviation) / Math.sqrt(count);
  return { count, mean, standardDeviation, interval: { low: mean - halfWidth, high: mean + halfWidth } };
}
