// The matched fragments of a pair as stored in SimilarityPair.fragments and read back by the pages.
import { z } from "zod";

export const LineRangeSchema = z.object({
  /** 1-based. */
  startLine: z.number().int(),
  /** 0-based. */
  startColumn: z.number().int(),
  endLine: z.number().int(),
  endColumn: z.number().int(),
});
export type LineRange = z.infer<typeof LineRangeSchema>;

export const MatchedFragmentSchema = z.object({
  left: LineRangeSchema,
  right: LineRangeSchema,
  /** Consecutive shared k-grams in this fragment. */
  kgrams: z.number().int(),
});
export type MatchedFragment = z.infer<typeof MatchedFragmentSchema>;

export const MatchedFragmentsSchema = z.array(MatchedFragmentSchema);
