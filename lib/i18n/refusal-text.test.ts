import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { englishWords } from "./glossary";
import { REFUSALS, refusalIn, refusalText } from "./refusal-text";

/** lib/'s own code, tests and this catalogue folder left out. */
function libSources(dir = path.resolve("lib"), found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "i18n" && entry.name !== "generated") libSources(full, found);
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
      found.push(fs.readFileSync(full, "utf8"));
  }
  return found;
}

test("every refusal the catalogue words is still written so in lib/", () => {
  const sources = libSources().join("\n");
  const missing = REFUSALS.map((refusal) => refusal.source).filter((words) => !sources.includes(words));
  assert.deepEqual(missing, []);
});

test("each refusal reads as Chinese, with no English but glossary words", () => {
  for (const refusal of REFUSALS) {
    const chinese = refusal.zhCN("3", "4");
    assert.match(chinese, /[\u4e00-\u9fff]/, chinese);
    assert.deepEqual(englishWords(chinese), [], chinese);
  }
});

test("known refusals are worded in Chinese, with their numbers; others and English stay as they are", () => {
  assert.equal(refusalText("Please sign in first.", "zh-CN"), "请先登录。");
  assert.equal(refusalText("Please sign in first.", "en"), "Please sign in first.");
  assert.equal(
    refusalText("You have used all 5 attempts for this lab.", "zh-CN"),
    "你已用完本实验的全部 5 次评分机会。",
  );
  assert.equal(
    refusalText("You are submitting too often. Try again in 12 seconds.", "zh-CN"),
    "你提交得太频繁了。请在 12 秒后再试。",
  );
  assert.equal(refusalText("Something nobody wrote down.", "zh-CN"), "Something nobody wrote down.");
  assert.deepEqual(
    refusalIn("zh-CN", {
      message: "Your submission was not accepted.",
      fieldErrors: { code: ["Your code is 70000 bytes; this lab accepts at most 65536."] },
    }),
    { message: "你的提交未被接受。", fieldErrors: { code: ["你的代码有 70000 字节；本实验最多接受 65536 字节。"] } },
  );
});
