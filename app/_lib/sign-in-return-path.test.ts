import assert from "node:assert/strict";
import { test } from "node:test";
import { signInReturnPath, withReturnPath } from "./sign-in-return-path";

test("the way back is a path on this site without its language, else the dashboard", () => {
  assert.equal(signInReturnPath({ callbackUrl: "/zh-CN/courses/ml/lessons/intro" }), "/courses/ml/lessons/intro");
  assert.equal(signInReturnPath({ callbackUrl: "/courses/ml?tab=quiz" }), "/courses/ml?tab=quiz");
  assert.equal(signInReturnPath({ callbackUrl: "//evil.example/x" }), "/dashboard");
  assert.equal(signInReturnPath({ callbackUrl: "https://evil.example/" }), "/dashboard");
  assert.equal(signInReturnPath({}), "/dashboard");
});

test("sign-in and sign-up links carry the way back on, and leave the default out", () => {
  assert.equal(withReturnPath("/sign-up", "/dashboard"), "/sign-up");
  assert.equal(
    withReturnPath("/sign-up", "/courses/ml/lessons/intro?x=1"),
    "/sign-up?callbackUrl=%2Fcourses%2Fml%2Flessons%2Fintro%3Fx%3D1",
  );
});
