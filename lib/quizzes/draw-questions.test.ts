import assert from "node:assert/strict";
import { test } from "node:test";
import { drawQuestions, newShuffleSeed, orderChoices, questionsPerAttempt, type BankQuestion } from "./draw-questions";

const bank: BankQuestion[] = Array.from({ length: 40 }, (_, index) => ({ id: `q${index}`, variantGroup: null }));
const ids = bank.map((question) => question.id);
const choices = ["a", "b", "c", "d", "e"].map((id) => ({ id }));

test("the same seed gives the same questions and choices in the same order, so a reload and the grading agree", () => {
  const seed = newShuffleSeed();
  assert.deepEqual(drawQuestions(bank, null, seed), drawQuestions(bank, null, seed));
  assert.deepEqual(orderChoices(seed, "q1", choices), orderChoices(seed, "q1", choices));
  // Questions read from the database in another order still come out in the attempt's order.
  assert.deepEqual(drawQuestions([...bank].reverse(), null, seed), drawQuestions(bank, null, seed));
});

test("a lesson quiz shows every question, in an order that changes from attempt to attempt", () => {
  const seed = newShuffleSeed();
  assert.deepEqual([...drawQuestions(bank, null, seed)].sort(), [...ids].sort());
  const orders = new Set(Array.from({ length: 10 }, () => drawQuestions(bank, null, newShuffleSeed()).join(",")));
  assert.equal(orders.size, 10);
  const choiceOrders = new Set(
    Array.from({ length: 30 }, () =>
      orderChoices(newShuffleSeed(), "q1", choices)
        .map((choice) => choice.id)
        .join(""),
    ),
  );
  assert.ok(choiceOrders.size > 5, "choices are reordered per attempt");
});

test("each question's choices are ordered on their own, and an attempt without a seed keeps the author's order", () => {
  const seed = newShuffleSeed();
  const orders = new Set(
    Array.from({ length: 20 }, (_, index) =>
      orderChoices(seed, `q${index}`, choices)
        .map((choice) => choice.id)
        .join(""),
    ),
  );
  assert.ok(orders.size > 1);
  assert.deepEqual(orderChoices(null, "q1", choices), choices);
});

test("an exam draws the asked number of distinct questions from the bank", () => {
  const drawn = drawQuestions(bank, 25, newShuffleSeed());
  assert.equal(drawn.length, 25);
  assert.equal(new Set(drawn).size, 25);
  assert.ok(drawn.every((id) => ids.includes(id)));
  assert.equal(drawQuestions(bank.slice(0, 3), 25, newShuffleSeed()).length, 3);
  const draws = new Set(Array.from({ length: 10 }, () => drawQuestions(bank, 25, newShuffleSeed()).join(",")));
  assert.ok(draws.size > 1);
});

test("one variant of each group is drawn, each variant in turn, and lone questions always", () => {
  const grouped: BankQuestion[] = [
    { id: "lone", variantGroup: null },
    { id: "size-a", variantGroup: "size" },
    { id: "size-b", variantGroup: "size" },
    { id: "size-c", variantGroup: "size" },
    { id: "rate-a", variantGroup: "rate" },
    { id: "rate-b", variantGroup: "rate" },
  ];
  assert.equal(questionsPerAttempt(grouped, null), 3);
  assert.equal(questionsPerAttempt(grouped, 2), 2);
  const seen = new Set<string>();
  for (let round = 0; round < 60; round++) {
    const drawn = drawQuestions(grouped, null, newShuffleSeed());
    assert.equal(drawn.length, 3);
    assert.ok(drawn.includes("lone"));
    assert.equal(drawn.filter((id) => id.startsWith("size-")).length, 1);
    assert.equal(drawn.filter((id) => id.startsWith("rate-")).length, 1);
    for (const id of drawn) seen.add(id);
  }
  assert.equal(seen.size, grouped.length, "every variant is drawn sometimes");
  // An exam's draw counts a group once, so it never shows two variants of one idea.
  const examDraw = drawQuestions(grouped, 2, newShuffleSeed());
  assert.equal(examDraw.length, 2);
  assert.ok(examDraw.filter((id) => id.startsWith("size-")).length <= 1);
});
