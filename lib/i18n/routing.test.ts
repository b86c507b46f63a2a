import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { pathWithoutLocale } from "./routing";

describe("a path without its locale", () => {
  test("drops a leading locale segment and keeps the rest, query included", () => {
    assert.equal(pathWithoutLocale("/zh-CN/dashboard"), "/dashboard");
    assert.equal(pathWithoutLocale("/en/courses/x?tab=1"), "/courses/x?tab=1");
    assert.equal(pathWithoutLocale("/en"), "/");
    assert.equal(pathWithoutLocale("/zh-CN?x=1"), "/?x=1");
  });

  test("leaves a path that does not start with a locale alone", () => {
    assert.equal(pathWithoutLocale("/dashboard"), "/dashboard");
    assert.equal(pathWithoutLocale("/english/x"), "/english/x");
    assert.equal(pathWithoutLocale("/"), "/");
  });
});
