// What a Chinese reader does, not only reads, in Simplified Chinese: refusals of what they typed, a
// 404, the consent page's problem, a new token, a certificate's verdict. Each page on the way has
// lang="zh-CN", a Chinese tab title and no English UI text (e2e/fixtures/english-text.ts). Every page
// as it first opens, for each role, is e2e/every-page.spec.ts.
import { expect, test, type Page } from "@playwright/test";
import { demoAccount, storageStateFor } from "./fixtures/accounts";
import { learnerWithCertificate } from "./fixtures/certified-learner";
import { expectNoEnglishUiText, type EnglishTextOptions } from "./fixtures/english-text";
import { textPeopleWrote } from "./fixtures/text-people-wrote";

const CHINESE = /[\u4e00-\u9fff]/;

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: "gradient-locale", value: "zh-CN", url: baseURL ?? "" }]);
});

/** Opens `path` and checks the page is Chinese throughout: its language, its title, its text. */
async function expectChinesePage(page: Page, path: string, options: EnglishTextOptions & { status?: number } = {}) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(options.status ?? 200);
  await checkChinese(page, options);
}

async function checkChinese(page: Page, options: EnglishTextOptions = {}) {
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page).toHaveTitle(CHINESE);
  await expectNoEnglishUiText(page, options);
}

test.describe("signed out, in Chinese", () => {
  test("an unknown page and an unknown certificate answer 404 in Chinese", async ({ page }) => {
    await expectChinesePage(page, "/no-such-page", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("404 · 页面不存在");
    await expectChinesePage(page, "/verify/no-such-certificate-id", { status: 404 });
    await expect(page.getByTestId("verdict")).toContainText("非真实证书");
  });

  test("the Open Badges consent page explains a broken request in Chinese", async ({ page }) => {
    await expectChinesePage(page, "/ims/ob/v3p0/auth/authorize");
    await expect(page.getByTestId("authorization-problem")).toHaveText(CHINESE);
  });

  test("sign-up refuses wrong fields in Chinese, not in zod's English", async ({ page }) => {
    await page.goto("/sign-up");
    await page.getByLabel("姓名").fill("新学员");
    await page.getByLabel("电子邮箱").fill("not-an-email");
    await page.getByLabel("密码").fill("short");
    await page.getByRole("button", { name: "创建账户" }).click();
    await expect(page.locator("#email-error")).toHaveText("请输入有效的电子邮箱，例如 name@example.com。");
    await expect(page.locator("#password-error")).toHaveText("密码至少需要 10 个字符。");
    await checkChinese(page, { names: ["not-an-email"] });

    await page.getByLabel("电子邮箱").fill(demoAccount("LEARNER").email);
    await page.getByLabel("密码").fill("a-long-enough-password");
    await page.getByRole("button", { name: "创建账户" }).click();
    await expect(page.locator("#email-error")).toHaveText("该电子邮箱已注册账户，请直接登录。");
  });

  test("a failed sign-in is told in Chinese", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("电子邮箱").fill(demoAccount("LEARNER").email);
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.locator("#sign-in-error")).toHaveText("电子邮箱与密码不匹配任何账户。");
    await checkChinese(page);
  });

  test("a stranger reads a certificate's verdict in Chinese", async ({ page }) => {
    const { publicId } = learnerWithCertificate("李明");
    await page.goto(`/verify/${publicId}`);
    await expect(page.getByTestId("verdict")).toContainText("有效证书");
    await checkChinese(page, { names: await credentialNames(page) });
  });
});

/** The signed credential's own words (course and lab names), shown as issued. */
async function credentialNames(page: Page): Promise<string[]> {
  const course = (await page.getByTestId("course").textContent()) ?? "";
  const labs = await page.locator("[data-testid='certificate-details'] ~ * tbody tr td:first-child").allTextContents();
  return [course, ...labs].filter(Boolean);
}

test.describe("as a learner, in Chinese", () => {
  test.use({ storageState: storageStateFor("LEARNER") });

  test("a new token is shown and listed in Chinese", async ({ page }) => {
    await page.goto("/account/tokens");
    await page.getByLabel("令牌名称").fill("笔记本");
    await page.getByRole("button", { name: "创建令牌" }).click();
    await expect(page.getByTestId("new-token")).toContainText("请立即复制你的新令牌“笔记本”。");
    // The list holds the tokens other specs named in English too.
    await checkChinese(page, { names: textPeopleWrote() });
  });
});

test("a certified learner signs in and reads their dashboard and certificate in Chinese", async ({ page }) => {
  const learner = learnerWithCertificate("王芳");
  await page.goto("/sign-in");
  await page.getByLabel("电子邮箱").fill(learner.email);
  await page.getByLabel("密码").fill(learner.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const courseTitle = (await page.getByTestId("certificate").getByRole("heading").textContent()) ?? "";
  await checkChinese(page, { names: [learner.email, courseTitle.replace(/新$/, "").trim()] });

  await page.getByRole("link", { name: "打开验证页面" }).click();
  await expect(page.getByTestId("verdict")).toContainText("有效证书");
  await checkChinese(page, { names: await credentialNames(page) });
});
