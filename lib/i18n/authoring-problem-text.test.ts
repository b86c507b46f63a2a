// lib/authoring's refusals stay English for English readers and are worded in Chinese for Chinese ones.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { authoringProblemsIn, authoringProblemText } from "./authoring-problem-text";

describe("authoringProblemText", () => {
  test("leaves English as lib/authoring words it", () => {
    assert.equal(
      authoringProblemText("Please correct the highlighted fields.", "en"),
      "Please correct the highlighted fields.",
    );
  });

  test("words a known refusal in Chinese", () => {
    assert.equal(authoringProblemText("Please correct the highlighted fields.", "zh-CN"), "请更正标出的字段。");
    assert.equal(authoringProblemText("weights must sum to 1", "zh-CN"), "各项权重之和必须为 1");
  });

  test("translates the message and every field's messages of a refusal", () => {
    assert.deepEqual(
      authoringProblemsIn("zh-CN", {
        message: "The file is not a course bundle.",
        fieldErrors: { bundle: ["Upload the .json file that Export course downloads."], slug: ["something new"] },
      }),
      {
        message: "这个文件不是课程包。",
        fieldErrors: { bundle: ["请上传“导出课程”下载的 .json 文件。"], slug: ["something new"] },
      },
    );
  });
});
