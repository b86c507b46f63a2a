import assert from "node:assert/strict";
import { test } from "node:test";
import { lessonDescription } from "./lesson-description";

test("the first paragraph of prose, as plain text without math or markup", () => {
  const markdown = [
    "## The idea in one sentence",
    "",
    "Training is a **search**; the [gradient](https://example.org) $\\nabla L$ points uphill,",
    "so we step the `opposite` way:",
    "",
    "$$",
    "\\theta \\leftarrow \\theta - \\eta",
    "$$",
    "",
    "Second paragraph.",
  ].join("\n");
  assert.equal(
    lessonDescription(markdown),
    "Training is a search; the gradient points uphill, so we step the opposite way:",
  );
});

test("skips headings, tables, code and math to reach prose, and has none to give for a lesson without", () => {
  assert.equal(
    lessonDescription(
      "# T\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```js\nx()\n```\n\n$$\nx\n$$\n\n![a figure](f.svg)\n\n梯度下降。",
    ),
    "梯度下降。",
  );
  assert.equal(lessonDescription("# Only a heading\n\n```js\nx()\n```\n"), null);
});

test("a long paragraph is cut at a word, or at the limit in Chinese", () => {
  const english = lessonDescription("word ".repeat(100))!;
  assert.ok(english.length <= 200 && english.endsWith("word…"), english);
  const chinese = lessonDescription("梯度".repeat(200))!;
  assert.equal(chinese.length, 200);
  assert.ok(chinese.endsWith("…"));
});
