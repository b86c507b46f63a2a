// The threshold a page shows pairs and clusters by: the analysis's own, or one the instructor typed
// into the page's address (?threshold=0.6); anything unreadable falls back to the analysis's own.
import { z } from "zod";

const ThresholdParamSchema = z.coerce.number().min(0.05).max(1);

export function thresholdFrom(param: unknown, stored: number): number {
  if (param === undefined || param === null || param === "") return stored;
  const parsed = ThresholdParamSchema.safeParse(param);
  return parsed.success ? parsed.data : stored;
}
