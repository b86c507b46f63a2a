import assert from "node:assert/strict";
import { test } from "node:test";
import { targetKeyOf } from "./target-key";

test("a target's key names its kind, course and item", () => {
  assert.deepEqual(
    [
      targetKeyOf({ kind: "course", courseSlug: "ml-foundations" }),
      targetKeyOf({ kind: "lab", courseSlug: "ml-foundations", slug: "linear-regression" }),
      targetKeyOf({ kind: "quiz", courseSlug: "ml-foundations", slug: "loss-quiz" }),
      targetKeyOf({ kind: "exam", courseSlug: "ml-foundations", slug: "final-exam" }),
    ],
    [
      "course:ml-foundations",
      "lab:ml-foundations/linear-regression",
      "quiz:ml-foundations/loss-quiz",
      "exam:ml-foundations/final-exam",
    ],
  );
});
