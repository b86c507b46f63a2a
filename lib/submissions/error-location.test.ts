import assert from "node:assert/strict";
import { test } from "node:test";
import { errorLocationOf } from "./error-location";

test("reads the line and column the grader puts at the head of a failure message", () => {
  const message = 'Your code does not parse:\nline 2, column 13: Unexpected ";"';
  assert.deepEqual(errorLocationOf(message), { line: 2, column: 13, message });
  assert.equal(errorLocationOf("Training took longer than 10 s."), null);
  assert.equal(errorLocationOf("It failed on line 2, column 3: no"), null);
  assert.equal(errorLocationOf(null), null);
});
