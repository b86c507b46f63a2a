import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";
import { fillLabEditor, labCode, submitForGrading } from "./fixtures/lab-editor";

const LAB_URL = "/courses/ml-foundations/labs/linear-regression";
const LAB_DIR = path.resolve("content/courses/ml-foundations/assignments/linear-regression");

test.describe("a learner submitting to a lab", () => {
  test.use({ storageState: storageStateFor("LEARNER") });

  test("is told what is wrong with an empty editor or a bad upload, and keeps the code", async ({ page }) => {
    await page.goto(LAB_URL);
    await expect(labCode(page)).toHaveValue(/export async function train/);

    await fillLabEditor(page, "   ");
    await page.getByRole("button", { name: "Submit for grading" }).click();
    await expect(page.locator("#code-error")).toHaveText("Your submission is empty.");

    await fillLabEditor(page, "export async function train() {}");
    await page
      .getByLabel(/Or upload a file/)
      .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
    await page.getByRole("button", { name: "Submit for grading" }).click();
    await expect(page.locator("#file-error")).toHaveText("Upload one module: a .js, .mjs or .ts file.");
    await expect(labCode(page)).toHaveValue("export async function train() {}");
  });

  test("sees which budgets are enforced and that the epoch budget is a guide", async ({ page }) => {
    await page.goto(LAB_URL);
    const budget = page.getByTestId("lab-budget");
    for (const name of ["Training time", "Memory", "Parameters", "Code"]) {
      await expect(budget.getByRole("row", { name: new RegExp(`^${name}`) })).toContainText("Enforced.");
    }
    await expect(budget.getByRole("row", { name: /^Epochs/ })).toContainText(/60 in total\s*A guide\./);
  });

  test("submits the reference solution, watches it being graded live, and sees it pass", async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(LAB_URL);
    await fillLabEditor(page, fs.readFileSync(path.join(LAB_DIR, "reference.js"), "utf8"));
    await submitForGrading(page);
    await expect(page.getByTestId("submission-status")).toHaveText("Passed", { timeout: 240_000 });
    await expect(page.getByTestId("submission-score")).toContainText("Mean squared error");
    await expect(page.getByRole("img", { name: /Training loss over \d+ epochs/ })).toBeVisible();
    await expect(page.getByText("Grading receipt")).toBeVisible();

    await page.goto(LAB_URL);
    await expect(page.getByRole("table").getByText("Passed").first()).toBeVisible();
  });
});

test.describe("another learner", () => {
  test("cannot open someone else's submission", async ({ browser }) => {
    const owner = await browser.newContext({ storageState: storageStateFor("LEARNER") });
    const ownerPage = await owner.newPage();
    await ownerPage.goto(LAB_URL);
    const link = ownerPage.getByRole("table").getByRole("link", { name: "Open" }).first();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/en\/submissions\//);
    await owner.close();

    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    const email = `stranger-${Date.now()}@example.com`;
    await strangerPage.goto("/sign-up");
    await strangerPage.getByLabel("Name").fill("Stranger");
    await strangerPage.getByLabel("Email").fill(email);
    await strangerPage.getByLabel("Password").fill("a long enough password");
    await strangerPage.getByRole("button", { name: "Create account" }).click();
    await expect(strangerPage).toHaveURL(/\/dashboard$/);
    const response = await strangerPage.goto(href ?? "/");
    expect(response?.status()).toBe(404);
    await stranger.close();
  });
});
