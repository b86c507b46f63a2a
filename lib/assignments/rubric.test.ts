import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { combineScore, RubricSpecSchema, rubricOf, type RubricSpec } from "./rubric";
import { loadAssignmentSpec } from "./load-assignment";
import { AssignmentSpecSchema } from "./spec-schema";
import { specSha256 } from "./spec-hash";

const text = (en: string) => ({ en, "zh-CN": `${en}（中文）` });
const criterion = (key: string, points: number) => ({
  key,
  title: text(key),
  description: text(`About ${key}`),
  points,
});
const RUBRIC: RubricSpec = RubricSpecSchema.parse({
  criteria: [criterion("readability", 6), { ...criterion("tests", 4), levels: [{ points: 4, title: text("All") }] }],
  combine: { autograderWeight: 0.5, rubricWeight: 0.5, passPercent: 70 },
});

describe("the rubric schema", () => {
  test("fills the autograder requirement in and keeps the levels", () => {
    assert.equal(RUBRIC.combine.requireAutograderPass, true);
    assert.equal(RUBRIC.criteria[1]?.levels?.[0]?.points, 4);
  });

  test("refuses duplicate keys, weights that do not sum to 1, zero points and levels above the points", () => {
    const problems = (value: unknown) =>
      RubricSpecSchema.safeParse(value).error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];
    const combine = { autograderWeight: 0.5, rubricWeight: 0.5, passPercent: 70 };
    assert.deepEqual(problems({ criteria: [criterion("a", 1), criterion("a", 2)], combine }), [
      "criteria: criterion keys must be unique / 标准的键不能重复",
    ]);
    assert.deepEqual(problems({ criteria: [criterion("a", 1)], combine: { ...combine, rubricWeight: 0.6 } }), [
      "combine.rubricWeight: autograderWeight and rubricWeight must sum to 1 / autograderWeight 与 rubricWeight 之和必须为 1",
    ]);
    assert.deepEqual(problems({ criteria: [criterion("a", 0)], combine }), [
      "criteria.0.points: points must be more than 0 / 分值必须大于 0",
    ]);
    assert.deepEqual(
      problems({ criteria: [{ ...criterion("a", 2), levels: [{ points: 3, title: text("Too many") }] }], combine }),
      ["criteria.0.levels: a level cannot award more than its criterion's points / 等级的分值不能超过该标准的分值"],
    );
    assert.deepEqual(problems({ criteria: [], combine }), [
      "criteria: a rubric needs at least one criterion / 评分细则至少需要一条标准",
    ]);
  });

  test("a lab without a rubric keeps its spec and hash; one with a rubric parses as part of the spec", () => {
    const spec = loadAssignmentSpec("ml-foundations", "linear-regression");
    assert.equal(spec.rubric, undefined);
    assert.equal(specSha256(AssignmentSpecSchema.parse(JSON.parse(JSON.stringify(spec)))), specSha256(spec));
    const withRubric = AssignmentSpecSchema.parse({ ...spec, rubric: RUBRIC });
    assert.deepEqual(rubricOf(withRubric), RUBRIC);
    assert.notEqual(specSha256(withRubric), specSha256(spec));
    assert.equal(rubricOf(spec), null);
    assert.equal(rubricOf({ rubric: { criteria: "junk" } }), null);
  });
});

describe("combineScore", () => {
  test("weights the autograder's pass and the rubric's points", () => {
    const full = combineScore({
      rubric: RUBRIC,
      isAutograderPassed: true,
      scores: { readability: { points: 6, comment: "" }, tests: { points: 4, comment: "" } },
    });
    assert.deepEqual(full, {
      autograderPercent: 100,
      rubricPercent: 100,
      rubricPoints: 10,
      rubricMaxPoints: 10,
      combinedPercent: 100,
      isPassed: true,
    });
    const partial = combineScore({
      rubric: RUBRIC,
      isAutograderPassed: true,
      scores: { readability: { points: 3, comment: "" }, tests: { points: 1, comment: "" } },
    });
    assert.equal(partial.combinedPercent, 70);
    assert.equal(partial.isPassed, true);
    const below = combineScore({
      rubric: RUBRIC,
      isAutograderPassed: true,
      scores: { readability: { points: 3, comment: "" }, tests: { points: 0.9, comment: "" } },
    });
    assert.equal(below.isPassed, false);
  });

  test("a failed autograder fails a rule that requires it, however good the rubric", () => {
    const scores = { readability: { points: 6, comment: "" }, tests: { points: 4, comment: "" } };
    assert.equal(combineScore({ rubric: RUBRIC, isAutograderPassed: false, scores }).combinedPercent, 50);
    const lenient = { ...RUBRIC, combine: { ...RUBRIC.combine, passPercent: 50, requireAutograderPass: false } };
    assert.equal(combineScore({ rubric: lenient, isAutograderPassed: false, scores }).isPassed, true);
    assert.equal(combineScore({ rubric: RUBRIC, isAutograderPassed: false, scores }).isPassed, false);
  });

  test("missing criteria count 0, points are capped at the criterion's, unknown keys are ignored", () => {
    const result = combineScore({
      rubric: RUBRIC,
      isAutograderPassed: true,
      scores: { readability: { points: 60, comment: "" }, gone: { points: 5, comment: "" } },
    });
    assert.equal(result.rubricPoints, 6);
    assert.equal(result.combinedPercent, 80);
  });
});
