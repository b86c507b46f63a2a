import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isKeyShown, nextAttempt, type AttemptRecord } from "./attempt-policy";

const quiz = { maxAttempts: 3, cooldownMinutes: 10 };
const NOW = new Date("2026-12-06T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const failed = (minutes: number): AttemptRecord => ({ submittedAt: minutesAgo(minutes), isPassed: false });
const passed = (minutes: number): AttemptRecord => ({ submittedAt: minutesAgo(minutes), isPassed: true });
const open: AttemptRecord = { submittedAt: null, isPassed: null };

describe("nextAttempt", () => {
  test("a first attempt may start", () => {
    assert.deepEqual(nextAttempt({ quiz, attempts: [], isTeacher: false }, NOW), { kind: "may_start" });
  });

  test("waits out the cool-down after the latest graded attempt, and says when it ends", () => {
    assert.deepEqual(nextAttempt({ quiz, attempts: [failed(30), failed(4)], isTeacher: false }, NOW), {
      kind: "cooling_down",
      opensAt: new Date(minutesAgo(4).getTime() + 10 * 60_000),
    });
    assert.deepEqual(nextAttempt({ quiz, attempts: [failed(10)], isTeacher: false }, NOW), { kind: "may_start" });
    assert.deepEqual(
      nextAttempt({ quiz: { ...quiz, cooldownMinutes: 0 }, attempts: [failed(0)], isTeacher: false }, NOW),
      {
        kind: "may_start",
      },
    );
  });

  test("refuses once the attempts are used, or the quiz is passed", () => {
    assert.deepEqual(nextAttempt({ quiz, attempts: [failed(90), failed(60), failed(30)], isTeacher: false }, NOW), {
      kind: "used_up",
      maxAttempts: 3,
    });
    assert.deepEqual(nextAttempt({ quiz, attempts: [passed(60)], isTeacher: false }, NOW), { kind: "passed" });
    const unlimited = { maxAttempts: null, cooldownMinutes: 0 };
    const many = Array.from({ length: 20 }, () => failed(60));
    assert.deepEqual(nextAttempt({ quiz: unlimited, attempts: many, isTeacher: false }, NOW), { kind: "may_start" });
  });

  test("the course's teachers are not limited", () => {
    const attempts = [failed(3), failed(2), passed(1)];
    assert.deepEqual(nextAttempt({ quiz, attempts, isTeacher: true }, NOW), { kind: "may_start" });
  });
});

describe("isKeyShown", () => {
  test("hides the key after a failed attempt while another may follow", () => {
    assert.equal(isKeyShown({ quiz, attempts: [failed(5)], isTeacher: false }), false);
    assert.equal(isKeyShown({ quiz, attempts: [failed(50), failed(5)], isTeacher: false }), false);
    assert.equal(
      isKeyShown({ quiz: { maxAttempts: null, cooldownMinutes: 0 }, attempts: [failed(5)], isTeacher: false }),
      false,
    );
  });

  test("shows it once the quiz is passed, or every attempt is used and graded", () => {
    assert.equal(isKeyShown({ quiz, attempts: [failed(50), passed(5)], isTeacher: false }), true);
    assert.equal(isKeyShown({ quiz, attempts: [failed(50), failed(30), failed(5)], isTeacher: false }), true);
    // The last attempt still open: the key would answer it.
    assert.equal(isKeyShown({ quiz, attempts: [failed(50), failed(30), open], isTeacher: false }), false);
    assert.equal(isKeyShown({ quiz, attempts: [failed(5)], isTeacher: true }), true);
  });
});
