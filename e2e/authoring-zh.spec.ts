// Authoring in Simplified Chinese on a phone, as the demo instructor: what the editor adds as one
// works stays Chinese. File contents (the YAML, the starter code, the English Markdown and its
// preview) are code or marked as English, so the check (e2e/fixtures/english-text.ts) leaves them
// out. Each authoring page as it first opens is e2e/every-page.spec.ts.
import { expect, test, type Page } from "@playwright/test";
import { demoAccount, storageStateFor } from "./fixtures/accounts";
import { expectNoEnglishUiText } from "./fixtures/english-text";

const LESSON = "/zh-CN/instructor/authoring/ml-foundations/lessons/what-are-large-models";
const CHINESE = /[\u4e00-\u9fff]/;

test.use({ viewport: { width: 390, height: 844 }, storageState: storageStateFor("INSTRUCTOR") });

const names = [demoAccount("INSTRUCTOR").name, demoAccount("INSTRUCTOR").email];

async function expectChinesePage(page: Page, address: string): Promise<void> {
  const response = await page.goto(address);
  expect(response?.status(), address).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page).toHaveTitle(CHINESE);
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(sideways, `${address} scrolls sideways`).toBe(0);
  await expectNoEnglishUiText(page, { names });
}

test("a question added on the quiz page is previewed in Chinese", async ({ page }) => {
  await expectChinesePage(page, `${LESSON}/quiz`);
  const before = await page.getByRole("list", { name: "题目预览" }).getByRole("listitem").count();
  // A click before hydration does nothing, so it is repeated until the new question shows.
  await expect(async () => {
    await page.getByRole("button", { name: "添加单选题" }).click();
    await expect(page.getByRole("list", { name: "题目预览" })).toContainText("问题", { timeout: 1000 });
  }).toPass();
  expect(await page.getByRole("list", { name: "题目预览" }).getByRole("listitem").count()).toBeGreaterThan(before);
  await expect(page.getByText("✓ 符合结构要求。")).toBeVisible();
  await expectNoEnglishUiText(page, { names });
});
