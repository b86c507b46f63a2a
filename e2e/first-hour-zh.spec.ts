// Issue 17's "done when": a Chinese reader's first hour on a phone (390x844), at the /zh-CN/
// addresses. From the home page, a stranger previews a lesson and runs one of its snippets, signs
// up, enrols, takes a lesson quiz and reads its result, checks the linear-regression lab's
// reference as practice, submits it for grading and reads the result. At every step the page is
// Chinese (lang, tab title, no English UI text), fits the screen and has no serious or critical
// axe violation.
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { expectNoEnglishUiText } from "./fixtures/english-text";
import { answerEverything } from "./fixtures/quiz-answers";

const PHONE = { width: 390, height: 844 };
const HAN = /[\u4e00-\u9fff]/;
const COURSE = "/zh-CN/courses/ml-foundations";
const LAB = `${COURSE}/labs/linear-regression`;
// The lab whose reference trains in seconds, so a graded submission finishes within the test.
const REFERENCE = fs.readFileSync(
  path.resolve("content/courses/ml-foundations/assignments/linear-regression/reference.js"),
  "utf8",
);

test.use({ viewport: PHONE, storageState: { cookies: [], origins: [] } });

/** What every step of the journey must satisfy: Chinese throughout, no sideways scrolling, no grave axe finding. */
async function checkStep(page: Page, step: string): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
  await expect(page.locator("html"), step).toHaveAttribute("lang", "zh-CN");
  expect(await page.title(), `${step}: a Chinese tab title`).toMatch(HAN);
  await expectNoEnglishUiText(page);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${step}: no sideways scrolling`).toBeLessThanOrEqual(PHONE.width);
  const grave = (await new AxeBuilder({ page }).analyze()).violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(grave, `${step}: axe`).toEqual([]);
}

/** The Chinese lab page's editor (e2e/fixtures/lab-editor.ts does the same by its English names): paste `code` in. */
async function pasteIntoLabEditor(page: Page, code: string): Promise<void> {
  await expect(page.getByRole("form", { name: "提交你的答案" })).toHaveAttribute("data-hydrated", "true");
  const editor = page.getByRole("textbox", { name: "你的模型代码" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await editor.evaluate((element, text) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData("text/plain", text);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  }, code);
  await expect(page.locator('textarea[name="code"]')).toHaveValue(code);
}

test("a Chinese reader's first hour on a phone: preview, sign-up, enrolment, quiz, practice, graded lab", async ({
  page,
}) => {
  test.setTimeout(600_000);

  await page.goto("/zh-CN");
  await checkStep(page, "home");

  // A stranger previews a lesson and runs its first snippet in the browser.
  await page.goto(`${COURSE}/lessons/neurons-activations-losses`);
  await checkStep(page, "lesson preview");
  const snippet = page.locator(".snippet").first();
  await snippet.getByRole("button", { name: "运行", exact: true }).click();
  await expect(snippet).toHaveAttribute("data-state", "done", { timeout: 90_000 });
  await expect(snippet.locator(".snippet-output")).toContainText(/运行于 \S+ 后端。/);
  await checkStep(page, "lesson preview, snippet run");

  // A fresh account, made from the lesson's quiz panel, and back to the lesson once it exists.
  const preview = page.url();
  await page.getByRole("main").getByRole("link", { name: "注册账号" }).click();
  await expect(page).toHaveURL(/\/zh-CN\/sign-up\?callbackUrl=/);
  await checkStep(page, "sign-up");
  await page.getByLabel("姓名").fill("张伟");
  await page.getByLabel("电子邮箱").fill(`first-hour-zh-${Date.now()}@example.com`);
  await page.getByLabel("密码").fill("一个足够长的密码 long enough");
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page).toHaveURL(preview);
  await page.goto("/zh-CN/dashboard");
  await checkStep(page, "dashboard");

  await page.goto(COURSE);
  await checkStep(page, "course");
  await page.getByRole("button", { name: "选修本课程" }).click();
  await expect(page.getByTestId("enrolment-status")).toHaveText("你已选修本课程。");
  await checkStep(page, "course, enrolled");

  // The first lesson's quiz: answered (the first choice, or 1), submitted, its result read.
  await page.goto(`${COURSE}/lessons/what-are-large-models`);
  await checkStep(page, "lesson, enrolled");
  await page.getByRole("button", { name: "开始测验" }).click();
  await expect(page).toHaveURL(/\/lessons\/what-are-large-models\/quiz\/[a-z0-9]+$/);
  await checkStep(page, "quiz attempt");
  const count = await answerEverything(page);
  expect(count).toBeGreaterThan(0);
  await page.getByRole("button", { name: "提交答案" }).click();
  await expect(page.getByTestId("attempt-outcome")).toHaveText(/^(通过|未通过)$/);
  await expect(page.getByTestId("question-result")).toHaveCount(count);
  await checkStep(page, "quiz result");

  // The lab: its reference checked as practice, then submitted for grading.
  await page.goto(LAB);
  await checkStep(page, "lab");
  await pasteIntoLabEditor(page, REFERENCE);
  await page.getByRole("button", { name: "检查我的代码" }).click();
  await expect(page.getByTestId("practice-status")).toHaveText("可以运行", { timeout: 240_000 });
  await checkStep(page, "lab, practice result");

  await page.getByRole("button", { name: "提交评分" }).click();
  await expect(page).toHaveURL(/\/zh-CN\/submissions\/[a-z0-9]+$/, { timeout: 30_000 });
  await expect(page.getByTestId("submission-status")).toHaveText("已通过", { timeout: 240_000 });
  await checkStep(page, "graded submission");
});
