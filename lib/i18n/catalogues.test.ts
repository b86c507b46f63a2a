import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Locale } from "../courses/content-schema";
import { certificatePdfMessages } from "../certificates/certificate-pdf-messages";
import { accountMessagesFor } from "./account-messages";
import { analyticsMessagesFor } from "./analytics-messages";
import { authoringMessagesFor } from "./authoring-messages";
import { englishWords } from "./glossary";
import { ltiDeepLinkMessagesFor } from "./lti-deep-link-messages";
import { ltiInstructorMessagesFor } from "./lti-instructor-messages";
import { messagesFor } from "./messages";
import { obApiMessagesFor } from "./ob-api-messages";
import { policyMessagesFor } from "./policy-messages";
import { practiceMessagesFor } from "./practice-messages";
import { reviewMessagesFor } from "./review-messages";
import { siteMessagesFor } from "./site-messages";
import { similarityMessagesFor } from "./similarity-messages";
import { verdictProblemText } from "./verdict-problem-text";
import { verifyMessagesFor } from "./verify-messages";

const CATALOGUES: Record<string, (locale: Locale) => unknown> = {
  messages: messagesFor,
  site: siteMessagesFor,
  account: accountMessagesFor,
  authoring: authoringMessagesFor,
  verify: verifyMessagesFor,
  policy: policyMessagesFor,
  practice: practiceMessagesFor,
  obApi: obApiMessagesFor,
  certificatePdf: certificatePdfMessages,
  ltiDeepLink: ltiDeepLinkMessagesFor,
  ltiInstructor: ltiInstructorMessagesFor,
  analytics: analyticsMessagesFor,
  review: reviewMessagesFor,
  similarity: similarityMessagesFor,
};

/** Every string of a catalogue by its path, parameterised ones called with sample arguments. */
function leaves(value: unknown, path = ""): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof value === "string") found.set(path, value);
  else if (typeof value === "function") {
    const fn = value as (...args: unknown[]) => unknown;
    found.set(`${path}()`, String(fn(...Array.from({ length: fn.length }, () => 3))));
  } else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      for (const [leafPath, text] of leaves(child, `${path}.${key}`)) found.set(leafPath, text);
    }
  }
  return found;
}

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

for (const [name, messagesOf] of Object.entries(CATALOGUES)) {
  describe(`the ${name} catalogue`, () => {
    const en = leaves(messagesOf("en"));
    const zh = leaves(messagesOf("zh-CN"));

    test("has the same keys in English and Chinese", () => {
      assert.deepEqual([...zh.keys()].sort(), [...en.keys()].sort());
    });

    test("translates every string, leaving only glossary words untranslated", () => {
      const untranslated = [...zh].filter(([path, text]) => {
        if (englishWords(text).length === 0) return false;
        return text === en.get(path) || !hasChinese(text);
      });
      assert.deepEqual(untranslated, []);
    });
  });
}

describe("verdictProblemText", () => {
  test("leaves English findings as they are", () => {
    assert.equal(verdictProblemText("It has expired.", "en"), "It has expired.");
  });

  test("words the verifier's findings in Chinese, with their parameters", () => {
    assert.equal(verdictProblemText("The issuer has revoked this certificate.", "zh-CN"), "颁发方已撤销此证书。");
    assert.equal(verdictProblemText("The suspension list is not signed.", "zh-CN"), "暂停列表没有签名。");
    assert.equal(
      verdictProblemText("It names https://a.example as issuer, not https://b.example.", "zh-CN"),
      "它声称颁发方为 https://a.example，而不是 https://b.example。",
    );
  });

  test("never shows an unknown finding in English", () => {
    const text = verdictProblemText("Something nobody has written yet.", "zh-CN");
    assert.ok(hasChinese(text));
    assert.deepEqual(englishWords(text), []);
  });
});
