// Authoring in a real browser: the demo instructor makes a course and a lab in the web app,
// is told exactly which spec field is wrong, and ends with a first version of the lab. A learner
// cannot reach the editor.
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";

const VALID_SPEC = (slug: string) => `slug: ${slug}
title:
  en: "Lab: fit a line"
  zh-CN: 实验：拟合直线
mode: train
dataset:
  kind: synthetic-regression
  features: 4
  noise: 0.5
split:
  trainSize: 1000
  heldOutSize: 500
  seed: 7
metric:
  name: mse
  threshold: 0.35
  direction: lower
budget:
  maxEpochs: 40
  trainingSeconds: 20
  maxParameters: 100
`;

test.describe("as the demo learner", () => {
  test.use({ storageState: storageStateFor("LEARNER") });

  test("cannot open the course editor", async ({ page }) => {
    for (const address of [
      "/instructor/authoring",
      "/instructor/authoring/ml-foundations",
      "/instructor/authoring/ml-foundations/labs/new",
    ]) {
      const response = await page.goto(address);
      expect(response?.status(), address).toBe(403);
    }
    const exported = await page.request.get("/instructor/authoring/ml-foundations/export");
    expect(exported.status()).toBe(403);
  });
});

test.describe("as the demo instructor", () => {
  test.use({ storageState: storageStateFor("INSTRUCTOR") });

  test("creates a course and a lab, first seeing the spec's field error and keeping what was typed", async ({
    page,
  }) => {
    const suffix = Date.now().toString(36);
    const courseSlug = `e2e-course-${suffix}`;
    const labSlug = `e2e-lab-${suffix}`;

    await page.goto("/instructor/authoring");
    await expect(page.getByRole("link", { name: /Machine Learning Foundations/ })).toBeVisible();

    await page.getByLabel("Slug").fill(courseSlug);
    await page.getByLabel("Title (English)").fill("Authored in the browser");
    await page.getByRole("button", { name: "Create course" }).click();
    await expect(page.locator("#title-zh-CN-error")).toBeVisible();
    await expect(page.getByLabel("Title (English)")).toHaveValue("Authored in the browser");
    await page.getByLabel("Title (简体中文)").fill("在浏览器中编写");
    await page.getByLabel("Summary (English)").fill("A course made without touching the repository.");
    await page.getByLabel("Summary (简体中文)").fill("一门不碰代码仓库就做出来的课程。");
    await page.getByRole("button", { name: "Create course" }).click();
    await expect(page).toHaveURL(new RegExp(`/instructor/authoring/${courseSlug}$`));
    await expect(page.getByRole("heading", { name: "Authored in the browser" })).toBeVisible();

    await page.getByRole("link", { name: "New lab" }).click();
    await expect(page.getByRole("heading", { name: "New lab" })).toBeVisible();
    const invalid = VALID_SPEC(labSlug)
      .replace("mode: train", "mode: guess")
      .replace("trainSize: 1000", "trainSize: 0");
    await page.getByLabel("Specification (assignment.yaml)", { exact: true }).fill(invalid);
    await page
      .getByLabel("Brief (English Markdown)", { exact: true })
      .fill("# Fit a line\n\nThe loss is $\\frac{1}{n}\\sum (y - \\hat y)^2$.\n");
    await page.getByLabel("Brief (简体中文 Markdown)", { exact: true }).fill("# 拟合直线\n\n用均方误差评分。\n");
    // The live preview renders the brief's math as learners will see it.
    await expect(page.getByTestId("brief-en-preview").locator(".katex").first()).toBeVisible();
    await page.getByRole("button", { name: "Create lab" }).click();

    await expect(page.locator("#specYaml-error")).toContainText("mode:");
    await expect(page.locator("#specYaml-error")).toContainText("split.trainSize:");
    await expect(page.getByLabel("Brief (English Markdown)", { exact: true })).toHaveValue(/Fit a line/);

    await page.getByLabel("Specification (assignment.yaml)", { exact: true }).fill(VALID_SPEC(labSlug));
    await expect(page.locator("#specYaml-check")).toContainText("Matches the schema");
    await page.getByRole("button", { name: "Create lab" }).click();

    await expect(page).toHaveURL(new RegExp(`/instructor/authoring/${courseSlug}/labs/${labSlug}$`));
    await expect(page.getByRole("heading", { name: "Lab: fit a line" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "v1" })).toBeVisible();

    await page
      .getByLabel("Specification (assignment.yaml)", { exact: true })
      .fill(VALID_SPEC(labSlug).replace("threshold: 0.35", "threshold: 0.3"));
    await page.getByRole("button", { name: "Save lab" }).click();
    await expect(page.locator("#form-status")).toContainText("Saved as version 2");
    await expect(page.getByRole("cell", { name: "v2" })).toBeVisible();
  });
});
