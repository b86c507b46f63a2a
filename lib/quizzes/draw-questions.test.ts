import assert from "node:assert/strict";
import { test } from "node:test";
import { drawQuestions } from "./draw-questions";

const bank = Array.from({ length: 40 }, (_, index) => `q${index}`);

test("a lesson quiz shows every question in the author's order", () => {
  assert.deepEqual(drawQuestions(bank, null), bank);
});

test("an exam draws the asked number of distinct questions from the bank", () => {
  const drawn = drawQuestions(bank, 25);
  assert.equal(drawn.length, 25);
  assert.equal(new Set(drawn).size, 25);
  assert.ok(drawn.every((id) => bank.includes(id)));
  assert.equal(drawQuestions(bank.slice(0, 3), 25).length, 3);
});

test("draws differ from attempt to attempt", () => {
  const draws = new Set(Array.from({ length: 10 }, () => drawQuestions(bank, 25).join(",")));
  assert.ok(draws.size > 1);
});

test("the shuffle uses the random source it is given", () => {
  assert.deepEqual(
    drawQuestions(["a", "b", "c"], 2, () => 0),
    ["a", "b"],
  );
  assert.deepEqual(
    drawQuestions(["a", "b", "c"], 2, (max) => max - 1),
    ["c", "a"],
  );
});
