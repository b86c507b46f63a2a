// The rough edges of issue 17 fixed where instructors and admins see them, in Simplified Chinese on a
// phone (each page's language, tab title and width for every role is e2e/every-page.spec.ts).
// The language is chosen with the cookie the language switch sets (unprefixed paths; a locale
// prefix in the URL is tolerated).
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";

const COURSE = "/instructor/courses/ml-foundations";
const LAB = `${COURSE}/labs/linear-regression`;
const HAN = /[\u4e00-\u9fff]/;

test.use({ viewport: { width: 390, height: 844 } });

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: "gradient-locale", value: "zh-CN", url: baseURL ?? "" }]);
});

/** Opens `address` and checks what every staff page must do in Chinese on a phone. */
async function openInChinese(page: Page, address: string, { isTitleChecked = true } = {}): Promise<void> {
  const response = await page.goto(address);
  expect(response?.status(), address).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  if (isTitleChecked) expect(await page.title(), `${address} has a Chinese tab title`).toMatch(HAN);
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(sideways, `${address} scrolls sideways`).toBe(0);
}

test.describe("as the demo instructor, in Chinese", () => {
  test.use({ storageState: storageStateFor("INSTRUCTOR") });

  test("the dashboard shows what an instructor teaches, not a learner's sections", async ({ page }) => {
    // The dashboard's tab title belongs to the learner pages' catalogue (localized there), not to this one.
    await openInChinese(page, "/dashboard", { isTitleChecked: false });
    await expect(page.getByRole("heading", { name: "你教授的课程" })).toBeVisible();
    await expect(page.getByTestId("taught-courses")).toContainText("实验和提交");
    await expect(page.getByTestId("certificates")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "教师工作台" })).toBeVisible();
  });

  test("the lab filter uses the badges' words", async ({ page }) => {
    await openInChinese(page, LAB);
    const options = await page.getByLabel("状态").locator("option").allTextContents();
    expect(options).toEqual(["全部", "排队中", "评分中", "已通过", "未通过", "无法评分"]);
  });

  test("the audit log names actions in words", async ({ page }) => {
    await openInChinese(page, `${COURSE}/audit`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("审计日志");
    await expect(page.getByTestId("audit-log").or(page.getByText("这门课程还没有任何记录。"))).toBeVisible();
    await expect(page.locator("main")).not.toContainText("submission.regrade");
  });
});

test.describe("as the demo admin, in Chinese", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  test("the admin pages speak Chinese and fit a phone", async ({ page }) => {
    await openInChinese(page, "/admin");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("管理");
    await openInChinese(page, "/admin/queue");
    await expect(page.getByRole("heading", { name: "正在运行" })).toBeVisible();
    await expect(page.getByTestId("queue-count-running")).toContainText("运行中");
  });

  test('in English, the lab filter says "Not passed" as the badges do', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "gradient-locale", value: "en", url: baseURL ?? "" }]);
    await page.goto(LAB);
    const options = await page.getByLabel("Status").locator("option").allTextContents();
    expect(options).toEqual(["Any", "Queued", "Grading", "Passed", "Not passed", "Could not be graded"]);
  });
});
