import assert from "node:assert/strict";
import { test } from "node:test";
import { ELLIPSIS, fitText, type FitOptions } from "./fit-text";

/** A monospaced stand-in for a font: Latin half an em wide, CJK a whole em. */
const measure = (text: string, size: number) =>
  [...text].reduce((width, char) => width + (/[\u3000-\u9fff]/.test(char) ? size : size / 2), 0);

const options = (overrides: Partial<FitOptions> = {}): FitOptions => ({
  measure,
  maxWidth: 200,
  size: 20,
  minSize: 10,
  maxLines: 2,
  ...overrides,
});

test("text that fits keeps its size and its one line", () => {
  assert.deepEqual(fitText("Ada Lovelace", options()), { lines: ["Ada Lovelace"], size: 20 });
});

test("a slightly long line shrinks rather than wraps", () => {
  // 24 characters at half an em: 240 points at 20, 200 at 17.
  assert.deepEqual(fitText("Grace Brewster M. Hopper", options()), { lines: ["Grace Brewster M. Hopper"], size: 16 });
});

test("a long line wraps between words, every line within the width", () => {
  const fitted = fitText("Maximiliana Alexandrina Konstantinopoulou von Hohenzollern", options());
  assert.equal(fitted.lines.length, 2);
  assert.equal(fitted.lines.join(" "), "Maximiliana Alexandrina Konstantinopoulou von Hohenzollern");
  for (const line of fitted.lines) assert.ok(measure(line, fitted.size) <= 200, line);
});

test("Chinese wraps between its words, and whitespace collapses", () => {
  const fitted = fitText("机器学习基础：从神经元到大模型\n  机器学习", options({ maxWidth: 150 }));
  assert.equal(fitted.lines.length, 2);
  assert.equal(fitted.lines.join(""), "机器学习基础：从神经元到大模型 机器学习");
  for (const line of fitted.lines) assert.ok(measure(line, fitted.size) <= 150, line);
});

test("a word longer than a line is broken between its characters", () => {
  const fitted = fitText("W".repeat(60), options());
  assert.equal(fitted.lines.join(""), "W".repeat(60));
  for (const line of fitted.lines) assert.ok(measure(line, fitted.size) <= 200, line);
});

test("text too long even for the smallest size on every line ends in an ellipsis, within the width", () => {
  const fitted = fitText("欧阳".repeat(50), options());
  assert.equal(fitted.size, 10);
  assert.equal(fitted.lines.length, 2);
  assert.ok(fitted.lines[1]?.endsWith(ELLIPSIS));
  for (const line of fitted.lines) assert.ok(measure(line, 10) <= 200, line);
});
