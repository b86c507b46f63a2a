// Every code the grader can end a learner's run with has its own headline in the reader's language
// (lib/i18n/feedback-messages.ts), so no failure reaches a Chinese page as English alone.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureHeadline, feedbackMessagesFor } from "@/lib/i18n/feedback-messages";
import { HOST_FOUND_FAILURE_CODES } from "@/lib/submissions/attempt-policy";
import { HARNESS_LEARNER_CODES } from "./classify-run";

/** The codes classify-run.ts, decide-runs.ts and the scorer give learner failures besides the harness's. */
const HOST_CODES = ["below_threshold", "timeout", "out_of_memory", "output_limit", "crashed", "no_weights"];

describe("failure headlines", () => {
  it("give every learner failure code the grader reports its own headline in both languages", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      for (const code of [...HOST_FOUND_FAILURE_CODES, ...HARNESS_LEARNER_CODES, ...HOST_CODES]) {
        const headline = failureHeadline(locale, { failureKind: "LEARNER", failureCode: code });
        assert.notEqual(headline, feedbackMessagesFor(locale).failureHeadline.other, `${locale} ${code}`);
      }
    }
  });
});
