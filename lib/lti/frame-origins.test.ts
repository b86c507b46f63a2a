import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { logger } from "../log";
import { createFrameAncestors, frameOriginOf, frameOriginsOf } from "./frame-origins";

describe("frameOriginOf", () => {
  test("keeps plain http(s) origins and refuses anything a policy must not hold", () => {
    assert.equal(frameOriginOf("https://canvas.example.edu"), "https://canvas.example.edu");
    assert.equal(frameOriginOf(" https://Moodle.Example.org:8443/ "), "https://moodle.example.org:8443");
    for (const value of [
      "canvas.example.edu",
      "javascript:alert(1)",
      "https://a.example/course",
      "https://a.example; script-src *",
      "https://user:pw@a.example",
      "https://a.example/?x=1",
      "*",
      "'self'",
      "data:",
    ])
      assert.equal(frameOriginOf(value), null, value);
  });

  test("frameOriginsOf merges every platform's list, each origin once", () => {
    assert.deepEqual(
      frameOriginsOf([["https://b.example", "nonsense"], ["https://a.example", "https://b.example/"], []]),
      ["https://a.example", "https://b.example"],
    );
  });
});

describe("createFrameAncestors", () => {
  const silent = logger.child({});
  silent.level = "silent";

  test("answers at once from the last list, and refreshes it in the background once a period", async () => {
    let clock = 0;
    let reads = 0;
    let answer = ["https://a.example"];
    const ancestors = createFrameAncestors({
      read: () => {
        reads += 1;
        return Promise.resolve(answer);
      },
      log: silent,
      refreshMs: 15_000,
      now: () => clock,
    });
    assert.deepEqual(ancestors.current(), [], "nothing read yet: no site may frame");
    await ancestors.refresh();
    assert.deepEqual(ancestors.current(), ["https://a.example"]);
    answer = ["https://b.example"];
    clock = 10_000;
    assert.deepEqual(ancestors.current(), ["https://a.example"]);
    const readsBefore = reads;
    clock = 16_000;
    assert.deepEqual(ancestors.current(), ["https://a.example"], "the request does not wait for the database");
    assert.equal(reads, readsBefore + 1);
    await ancestors.refresh();
    assert.deepEqual(ancestors.current(), ["https://b.example"]);
  });

  test("a failed read keeps the last list", async () => {
    let clock = 0;
    let isDown = false;
    const ancestors = createFrameAncestors({
      read: () => (isDown ? Promise.reject(new Error("database away")) : Promise.resolve(["https://a.example"])),
      log: silent,
      now: () => clock,
    });
    await ancestors.refresh();
    isDown = true;
    clock = 60_000;
    await ancestors.refresh();
    assert.deepEqual(ancestors.current(), ["https://a.example"]);
  });
});
