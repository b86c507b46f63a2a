// A lab's rubric: criteria an instructor scores by hand on top of the autograder, and the rule in
// assignment.yaml that combines the two into one percentage. Optional and without a default, so a
// lab that sets none keeps its spec (and its version's hash) exactly as before.
import { z } from "zod";
import { LocalizedTextSchema } from "../courses/content-schema";

/** A problem worded in both languages, so an author reads it in either wherever the schema reports it. */
const both = (en: string, zhCN: string) => `${en} / ${zhCN}`;

const RubricLevelSchema = z.object({
  /** Points this level awards; at most the criterion's points. */
  points: z.number().min(0).max(1000),
  title: LocalizedTextSchema,
});

export const RubricCriterionSchema = z
  .object({
    /** Stable id a grade stores its score under; lower-case words joined by hyphens. */
    key: z
      .string()
      .regex(
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
        both("use lower-case words joined by hyphens", "请使用以连字符连接的小写单词"),
      ),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema,
    /** The most a learner can get on this criterion. */
    points: z.number().positive(both("points must be more than 0", "分值必须大于 0")).max(1000),
    /** Named steps an instructor may pick from (e.g. "excellent", "partial"); any value up to points is allowed anyway. */
    levels: z.array(RubricLevelSchema).max(10).optional(),
  })
  .refine((criterion) => (criterion.levels ?? []).every((level) => level.points <= criterion.points), {
    message: both("a level cannot award more than its criterion's points", "等级的分值不能超过该标准的分值"),
    path: ["levels"],
  });
export type RubricCriterion = z.infer<typeof RubricCriterionSchema>;

/**
 * How the autograder and the rubric make one score. The autograder counts 100 when the attempt passed its threshold
 * and 0 otherwise (lab metrics differ in scale and direction); the rubric counts its points as a percentage.
 */
export const RubricCombineSchema = z
  .object({
    autograderWeight: z.number().min(0).max(1),
    rubricWeight: z.number().min(0).max(1),
    /** The combined percentage a lab needs to count as passed. */
    passPercent: z.number().min(0).max(100),
    /** Whether the autograder must pass as well, whatever the combined score. */
    requireAutograderPass: z.boolean().default(true),
  })
  .refine((rule) => Math.abs(rule.autograderWeight + rule.rubricWeight - 1) < 1e-9, {
    message: both("autograderWeight and rubricWeight must sum to 1", "autograderWeight 与 rubricWeight 之和必须为 1"),
    path: ["rubricWeight"],
  });
export type RubricCombine = z.infer<typeof RubricCombineSchema>;

/** `rubric` in assignment.yaml. */
export const RubricSpecSchema = z
  .object({
    criteria: z
      .array(RubricCriterionSchema)
      .min(1, both("a rubric needs at least one criterion", "评分细则至少需要一条标准"))
      .max(30),
    combine: RubricCombineSchema,
  })
  .refine((rubric) => new Set(rubric.criteria.map((criterion) => criterion.key)).size === rubric.criteria.length, {
    message: both("criterion keys must be unique", "标准的键不能重复"),
    path: ["criteria"],
  });
export type RubricSpec = z.infer<typeof RubricSpecSchema>;

/** Points an instructor gave one criterion, with an optional note to the learner. */
export const CriterionScoreSchema = z.object({
  points: z.number().min(0),
  comment: z.string().trim().max(2000).default(""),
});
export type CriterionScore = z.infer<typeof CriterionScoreSchema>;

/** A rubric grade's scores, by criterion key, as stored. */
export const CriterionScoresSchema = z.record(z.string(), CriterionScoreSchema);
export type CriterionScores = z.infer<typeof CriterionScoresSchema>;

export interface CombinedScore {
  /** The autograder's part: 100 when the attempt passed, else 0. */
  autograderPercent: number;
  /** Rubric points as a percentage of the rubric's maximum. */
  rubricPercent: number;
  rubricPoints: number;
  rubricMaxPoints: number;
  /** The weighted sum, 0..100. */
  combinedPercent: number;
  isPassed: boolean;
}

/**
 * The one place a lab's combined score is computed. A criterion without a score counts 0; a score above its
 * criterion's points counts as the points; scores of criteria the rubric no longer has are ignored.
 */
export function combineScore({
  rubric,
  isAutograderPassed,
  scores,
}: {
  rubric: RubricSpec;
  isAutograderPassed: boolean;
  scores: CriterionScores;
}): CombinedScore {
  const rubricMaxPoints = rubric.criteria.reduce((sum, criterion) => sum + criterion.points, 0);
  const rubricPoints = rubric.criteria.reduce(
    (sum, criterion) => sum + Math.min(criterion.points, Math.max(0, scores[criterion.key]?.points ?? 0)),
    0,
  );
  const autograderPercent = isAutograderPassed ? 100 : 0;
  const rubricPercent = rubricMaxPoints > 0 ? (100 * rubricPoints) / rubricMaxPoints : 0;
  const { autograderWeight, rubricWeight, passPercent, requireAutograderPass } = rubric.combine;
  const combinedPercent = Math.min(100, autograderWeight * autograderPercent + rubricWeight * rubricPercent);
  // Weights are decimals: 0.3·100 + 0.7·100 may land a hair under 100.
  const isPassed = combinedPercent + 1e-9 >= passPercent && (!requireAutograderPass || isAutograderPassed);
  return { autograderPercent, rubricPercent, rubricPoints, rubricMaxPoints, combinedPercent, isPassed };
}

/** The rubric of a stored spec (any JSON), or null when it has none or it does not parse. */
export function rubricOf(spec: unknown): RubricSpec | null {
  const parsed = z.object({ rubric: RubricSpecSchema.optional() }).safeParse(spec);
  return parsed.success ? (parsed.data.rubric ?? null) : null;
}
