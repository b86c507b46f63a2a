// The staff catalogue and the status vocabulary: both languages say everything, the Chinese never
// falls back to the English words, and one vocabulary serves badges and filters alike.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { REGRADE_ALL_ACTION } from "../instructor/regrade-assignment";
import { REGRADE_ACTION, REGRADE_RESULT_ACTION } from "../instructor/record-regrade-outcome";
import { STATUS_TEXT } from "../submissions/format";
import { staffMessagesFor } from "./staff-messages";
import { submissionStatusText } from "./status-messages";

/** Every leaf of a catalogue as [path, value]; functions are called with sample arguments. */
function leaves(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (typeof value === "function") {
    const sample = (value as (...args: unknown[]) => unknown)(...Array.from({ length: value.length }, (_, i) => i + 2));
    return leaves(typeof sample === "string" ? sample : String(sample), path);
  }
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
  return [];
}

/** Words that are the same in both languages: names and the glossary. */
const SAME_IN_BOTH = new Set(["—", "API"]);

describe("staff messages", () => {
  test("English and Chinese have the same keys", () => {
    const en = leaves(staffMessagesFor("en")).map(([path]) => path);
    const zh = leaves(staffMessagesFor("zh-CN")).map(([path]) => path);
    assert.deepEqual(zh, en);
  });

  test("no Chinese string is left in English", () => {
    const en = new Map(leaves(staffMessagesFor("en")));
    for (const [path, text] of leaves(staffMessagesFor("zh-CN"))) {
      if (SAME_IN_BOTH.has(text)) continue;
      assert.notEqual(text, en.get(path), `${path} is not translated`);
      // Outside glossary words, code and numbers, a Chinese string has no English word in it.
      const words = text.replace(/SHA-256|Postgres|Redis|CSV|API|UTC|npm run \w+|\(ms\)/g, "").match(/[A-Za-z]{2,}/g);
      assert.equal(words, null, `${path} has English words: ${text}`);
    }
  });

  test("every audit action the platform records has a label, regrades included", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const labels = staffMessagesFor(locale).audit.actions;
      for (const action of [REGRADE_ACTION, REGRADE_RESULT_ACTION, REGRADE_ALL_ACTION, "extension.grant"])
        assert.ok(labels[action], `${locale} has no label for ${action}`);
    }
  });
});

describe("submission status words", () => {
  test('English is the badges\' own vocabulary: "Not passed", never "Failed"', () => {
    assert.deepEqual(submissionStatusText("en"), STATUS_TEXT);
    assert.equal(submissionStatusText("en").FAILED, "Not passed");
  });

  test("Chinese names every status, differently from English", () => {
    const zh = submissionStatusText("zh-CN");
    assert.deepEqual(Object.keys(zh), Object.keys(STATUS_TEXT));
    for (const [status, text] of Object.entries(zh)) assert.match(text, /[\u4e00-\u9fff]/, status);
  });
});
