import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gradeResponses, isCorrect, parseAnswer, type GradableQuestion } from "./grade";

const single: GradableQuestion = {
  id: "q1",
  kind: "SINGLE",
  points: 1,
  choiceIds: ["a", "b", "c"],
  answer: { choices: ["b"] },
};
const multiple: GradableQuestion = {
  id: "q2",
  kind: "MULTIPLE",
  points: 2,
  choiceIds: ["a", "b", "c"],
  answer: { choices: ["a", "c"] },
};
const numeric: GradableQuestion = {
  id: "q3",
  kind: "NUMERIC",
  points: 1,
  choiceIds: [],
  answer: { value: 1.5, tolerance: 0.01 },
};

describe("parseAnswer", () => {
  test("reads choices and refuses ids that are not offered", () => {
    assert.deepEqual(parseAnswer(single, "b"), { response: { choices: ["b"] } });
    assert.deepEqual(parseAnswer(single, ["a", "b"]), { error: "one_choice" });
    assert.deepEqual(parseAnswer(single, "z"), { error: "unknown_choice" });
    assert.deepEqual(parseAnswer(multiple, ["c", "a", "a"]), { response: { choices: ["c", "a"] } });
    assert.deepEqual(parseAnswer(multiple, []), { isBlank: true });
  });

  test("reads numbers as typed, with digit groups, and says what is wrong with the rest", () => {
    assert.deepEqual(parseAnswer(numeric, " 60 000 "), { response: { value: 60000 } });
    assert.deepEqual(parseAnswer(numeric, "-11.4"), { response: { value: -11.4 } });
    assert.deepEqual(parseAnswer(numeric, "1e-3"), { response: { value: 0.001 } });
    assert.deepEqual(parseAnswer(numeric, ""), { isBlank: true });
    assert.deepEqual(parseAnswer(numeric, "1,5"), { error: "comma" });
    assert.deepEqual(parseAnswer(numeric, "abc"), { error: "not_a_number" });
    assert.deepEqual(parseAnswer(numeric, "Infinity"), { error: "not_a_number" });
    assert.deepEqual(parseAnswer(numeric, ["1"]), { error: "one_number" });
  });
});

describe("isCorrect", () => {
  test("a multiple-choice answer must be exactly the right set", () => {
    assert.equal(isCorrect(multiple.answer, { choices: ["a", "c"] }), true);
    assert.equal(isCorrect(multiple.answer, { choices: ["a"] }), false);
    assert.equal(isCorrect(multiple.answer, { choices: ["a", "b", "c"] }), false);
  });

  test("a number is right within its tolerance, and a blank is wrong", () => {
    assert.equal(isCorrect(numeric.answer, { value: 1.509 }), true);
    assert.equal(isCorrect(numeric.answer, { value: 1.52 }), false);
    assert.equal(isCorrect({ value: 0.3, tolerance: 0 }, { value: 0.1 + 0.2 }), true);
    assert.equal(isCorrect(numeric.answer, undefined), false);
    assert.equal(isCorrect(numeric.answer, { choices: ["a"] }), false);
  });
});

describe("gradeResponses", () => {
  test("weights questions by points and applies the pass mark", () => {
    const questions = [single, multiple, numeric];
    const result = gradeResponses(
      questions,
      { q1: { choices: ["b"] }, q2: { choices: ["a", "c"] }, q3: { value: 9 } },
      75,
    );
    assert.deepEqual(
      { score: result.score, maxScore: result.maxScore, isPassed: result.isPassed },
      { score: 3, maxScore: 4, isPassed: true },
    );
    assert.deepEqual(result.correctIds, ["q1", "q2"]);
    assert.equal(gradeResponses(questions, { q1: { choices: ["b"] } }, 75).isPassed, false);
    assert.equal(gradeResponses([], {}, 0).percent, 0);
  });
});
