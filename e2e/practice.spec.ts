// "Check my code" in a real Chromium: a new learner checks a module that does not parse (told the
// line and column), then the lab's reference (trained in the real sandbox on the public practice
// sample, scored on the public validation sample), and has used no attempt and made no submission.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { fillLabEditor } from "./fixtures/lab-editor";

const COURSE_URL = "/courses/ml-foundations";
const LAB_URL = `${COURSE_URL}/labs/linear-regression`;
const REFERENCE = fs.readFileSync(
  path.resolve("content/courses/ml-foundations/assignments/linear-regression/reference.js"),
  "utf8",
);

test.describe("Check my code", () => {
  test("a new learner checks broken code, then the reference, without using an attempt", async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Petra Practice");
    await page.getByLabel("Email").fill(`practice-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto(COURSE_URL);
    await page.getByRole("button", { name: "Enrol in this course" }).click();
    await expect(page.getByTestId("enrolment-status")).toHaveText("You are enrolled in this course.");

    await page.goto(LAB_URL);
    const practice = page.getByTestId("practice-check");
    await expect(practice).toContainText("Practice: not graded, not counted");
    await expect(practice).toContainText("512 public practice examples");
    await expect(practice).toContainText("256 other public validation examples");
    await expect(page.getByTestId("practice-result")).toContainText("No practice checks yet");

    // From the keyboard: the button is reachable and pressed with Enter.
    await fillLabEditor(page, "export async function train({ tf }) {\n  const x = ;\n}\n");
    const check = page.getByRole("button", { name: "Check my code" });
    await check.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("practice-status")).toHaveText("Your code did not run to the end", {
      timeout: 120_000,
    });
    await expect(page.getByTestId("practice-location")).toHaveText("Line 2, column 13");
    await expect(page.getByTestId("practice-message")).toContainText("const x = ;");

    await fillLabEditor(page, REFERENCE);
    await page.getByRole("button", { name: "Check my code" }).click();
    await expect(page.getByTestId("practice-status")).toHaveText("It runs", { timeout: 240_000 });
    await expect(page.getByTestId("practice-metric")).toHaveText(/^\d+(\.\d+)?(e-?\d+)?$/);
    await expect(page.getByTestId("practice-output-shape")).toHaveText("[batch, 1]");
    await expect(practice.getByRole("img", { name: /Training loss over \d+ epochs/ })).toBeVisible();
    await expect(page.getByTestId("practice-history").getByRole("row")).toHaveCount(3);

    // Nothing was graded or charged, and the checks are still there after a reload.
    await page.reload();
    await expect(page.getByText(/Attempts:\s*0 used/)).toBeVisible();
    await expect(page.getByText("You have not submitted to this lab yet.")).toBeVisible();
    await expect(page.getByTestId("practice-status")).toHaveText("It runs");

    // The same panel in Simplified Chinese.
    await page.goto(page.url().replace("/en/", "/zh-CN/"));
    await expect(page.getByRole("button", { name: "检查我的代码" })).toBeVisible();
    await expect(practice).toContainText("练习：不评分，不计入次数");
    await expect(page.getByTestId("practice-status")).toHaveText("可以运行");
  });
});
