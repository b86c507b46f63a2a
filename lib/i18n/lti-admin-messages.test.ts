// The LTI admin catalogue: both languages say everything, the Chinese keeps in English only names
// (products, protocols, settings and addresses), and every refusal it words is still one lib/lti writes.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { englishWords } from "./glossary";
import { ltiAdminMessagesFor, ltiRefusalText } from "./lti-admin-messages";

function leaves(value: unknown, pathSoFar = ""): [string, string][] {
  if (typeof value === "string") return [[pathSoFar, value]];
  if (typeof value === "function") {
    const sample = (value as (...args: unknown[]) => unknown)(...Array.from({ length: value.length }, (_, i) => i + 2));
    return leaves(String(sample), pathSoFar);
  }
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([key, child]) => leaves(child, pathSoFar ? `${pathSoFar}.${key}` : key));
  return [];
}

/** Names that stay as they are in Chinese: the LMS products, LTI's own terms, settings and addresses. */
const NAMES =
  /https?:\/\/\S+|LTI_TOOL_KEY|openid_configuration|LTI|OIDC|JWKS|OpenID Connect|Canvas|Moodle|https|http|localhost/g;

describe("the LTI admin catalogue", () => {
  test("English and Chinese have the same keys", () => {
    assert.deepEqual(
      leaves(ltiAdminMessagesFor("zh-CN")).map(([key]) => key),
      leaves(ltiAdminMessagesFor("en")).map(([key]) => key),
    );
  });

  test("every Chinese string is translated, with no English word but names", () => {
    const english = new Map(leaves(ltiAdminMessagesFor("en")));
    for (const [key, text] of leaves(ltiAdminMessagesFor("zh-CN"))) {
      assert.notEqual(text, english.get(key), `${key} is not translated`);
      assert.deepEqual(englishWords(text.replace(NAMES, " ")), [], `${key}: ${text}`);
    }
  });

  test("every refusal it words is still written so in lib/lti", () => {
    const dir = path.resolve("lib/lti");
    const sources = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
      .map((name) => fs.readFileSync(path.join(dir, name), "utf8"))
      .join("\n")
      // Prettier may break a long message across concatenated lines; compare the words only.
      .replace(/"\s*\+\s*"/g, "");
    const missing = Object.keys(ltiAdminMessagesFor("en").refusals).filter((text) => !sources.includes(text));
    assert.deepEqual(missing, []);
  });

  test("words a refusal in Chinese and leaves an unknown one as it is", () => {
    assert.equal(ltiRefusalText("There is no such platform.", "zh-CN"), "没有这个平台。");
    assert.equal(ltiRefusalText("There is no such platform.", "en"), "There is no such platform.");
    assert.equal(ltiRefusalText("Something else.", "zh-CN"), "Something else.");
  });
});
