import assert from "node:assert/strict";
import { test } from "node:test";
import { safeReturnPath } from "./safe-return-path";

test("a path on this site is kept, with its query", () => {
  assert.equal(
    safeReturnPath("/courses/ml-foundations/lessons/gradient-descent-backprop", "/dashboard"),
    "/courses/ml-foundations/lessons/gradient-descent-backprop",
  );
  assert.equal(safeReturnPath(["/zh-CN/courses/x?tab=2#quiz", "/other"], "/dashboard"), "/zh-CN/courses/x?tab=2#quiz");
});

test("anything that could leave the site falls back", () => {
  for (const value of [
    undefined,
    "",
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "/\t/evil.example/",
    "javascript:alert(1)",
    "courses/x",
  ]) {
    assert.equal(safeReturnPath(value, "/dashboard"), "/dashboard", String(value));
  }
});
