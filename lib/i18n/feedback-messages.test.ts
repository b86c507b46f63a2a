// Both languages of the grader's feedback say the same things (grader/pipeline/failure-headlines.test.ts
// checks every code the grader can end a run with has its own headline).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureHeadline, feedbackMessagesFor } from "./feedback-messages";

describe("feedback messages", () => {
  it("have the same headlines in English and Chinese, and the Chinese ones are not English", () => {
    const en = feedbackMessagesFor("en").failureHeadline;
    const zh = feedbackMessagesFor("zh-CN").failureHeadline;
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    for (const [code, text] of Object.entries(zh)) {
      assert.notEqual(text, en[code as keyof typeof en], code);
      assert.match(text, /[\u4e00-\u9fff]/, code);
    }
  });

  it("say the platform's failures are not the learner's, whatever their code", () => {
    assert.equal(
      failureHeadline("zh-CN", { failureKind: "PLATFORM", failureCode: "exception" }),
      feedbackMessagesFor("zh-CN").failureHeadline.platform,
    );
    assert.equal(
      failureHeadline("en", { failureKind: "LEARNER", failureCode: "made_up" }),
      feedbackMessagesFor("en").failureHeadline.other,
    );
  });
});
