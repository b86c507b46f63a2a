// Certification over several seeds, as a learner meets it: the mnist-dense lab makes three
// training runs per graded attempt and decides on their mean. The learner submits the reference in
// the lab page, follows the grading live, and reads each run, the mean, the 95% interval and the
// rule on the result page and in the receipt, in English and in Chinese.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";
import { fillLabEditor, submitForGrading } from "./fixtures/lab-editor";

const LAB_URL = "/courses/ml-foundations/labs/mnist-dense";
const REFERENCE = fs.readFileSync(
  path.resolve("content/courses/ml-foundations/assignments/mnist-dense/reference.js"),
  "utf8",
);
const PERCENT = /^\d{1,3}\.\d{2}%$/;

test.describe("a lab graded over several seeds", () => {
  test.use({ storageState: storageStateFor("LEARNER") });

  test("the reference passes on the mean of three runs, each shown with its seed, and the interval", async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.goto(LAB_URL);
    await expect(page.getByRole("row", { name: /Training runs 3 per graded attempt/ })).toBeVisible();
    await fillLabEditor(page, REFERENCE);
    await submitForGrading(page);

    // The page follows the grading live: no reload until it has passed.
    await expect(page.getByTestId("submission-status")).toHaveText("Passed", { timeout: 240_000 });
    await expect(page.getByTestId("submission-message")).toContainText("3 runs with different seeds");

    const runs = page.getByTestId("run-results");
    await expect(runs.getByRole("heading", { name: "Training runs" })).toBeVisible();
    const rows = runs.getByTestId("run-row");
    await expect(rows).toHaveCount(3);
    for (const [index, row] of (await rows.all()).entries()) {
      const cells = row.getByRole("cell");
      await expect(row.getByRole("rowheader")).toHaveText(String(index + 1));
      await expect(cells.nth(0)).toHaveText(/^\d+$/);
      await expect(cells.nth(1)).toHaveText(PERCENT);
      await expect(cells.nth(2)).toHaveText(/^\d+\.\d s$/);
    }
    const seeds = await runs.getByTestId("run-row").locator("code").allTextContents();
    expect(new Set(seeds).size).toBe(3);
    await expect(runs.getByTestId("runs-mean")).toHaveText(PERCENT);
    await expect(runs.getByTestId("runs-interval")).toHaveText(/^\d{1,3}\.\d{2}% to \d{1,3}\.\d{2}%$/);
    await expect(runs.getByTestId("runs-rule")).toHaveText("the mean of the runs must reach Accuracy ≥ 93.00%");
    // The score beside the status is the mean the rule decided on.
    const mean = (await runs.getByTestId("runs-mean").textContent()) ?? "";
    await expect(page.getByTestId("submission-score")).toContainText(mean);
    // The chart draws the first run: 10 epochs, not the 30 of all three; the output says which run printed what.
    await expect(page.getByRole("img", { name: /Training loss over 10 epochs/ })).toBeVisible();
    await expect(page.getByTestId("submission-logs")).toContainText("[run 3] epoch 10: accuracy");

    // The receipt is drawn with the page, so it shows the runs once the page is opened again.
    await page.reload();
    const receipt = page.getByTestId("receipt-runs");
    await expect(receipt).toContainText(`Run 1: Seed ${seeds[0]}`);
    await expect(receipt).toContainText(`Run 3: Seed ${seeds[2]}`);

    await page.goto(page.url().replace("/en/", "/zh-CN/"));
    await expect(page.getByRole("heading", { name: "各次训练" })).toBeVisible();
    await expect(page.getByText("95% 置信区间").first()).toBeVisible();
    await expect(page.getByTestId("runs-rule")).toHaveText("各次训练的平均值须达到 准确率 ≥ 93.00%");
  });
});
