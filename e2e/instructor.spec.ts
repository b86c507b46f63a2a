// The instructor's and the admin's journeys in a real browser against the seeded demo data: the
// demo instructor teaches ml-foundations, the demo learner is enrolled in it, and the demo admin
// is the only admin.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { demoAccount, storageStateFor } from "./fixtures/accounts";
import { fillLabEditor } from "./fixtures/lab-editor";

const COURSE = "/instructor/courses/ml-foundations";
const LAB = `${COURSE}/labs/linear-regression`;
const REFERENCE = fs.readFileSync(
  path.resolve("content/courses/ml-foundations/assignments/linear-regression/reference.js"),
  "utf8",
);

test.describe("as the demo learner", () => {
  test.use({ storageState: storageStateFor("LEARNER") });

  test("cannot open a course's instructor pages or its gradebook CSV", async ({ page }) => {
    for (const address of [COURSE, LAB, `${COURSE}/gradebook`, `${COURSE}/audit`, `${COURSE}/analytics`]) {
      const response = await page.goto(address);
      expect(response?.status(), address).toBe(403);
    }
    const csv = await page.request.get(`${COURSE}/gradebook/csv`);
    expect(csv.status()).toBe(403);
    expect((await page.request.get(`${COURSE}/analytics/csv/labs`)).status()).toBe(403);
  });
});

test.describe("as the demo instructor", () => {
  test.use({ storageState: storageStateFor("INSTRUCTOR") });

  test("goes from the workspace to a lab's submissions and is told which filter is wrong", async ({ page }) => {
    await page.goto("/instructor");
    await page.getByRole("link", { name: /Machine Learning Foundations/ }).click();
    await expect(page).toHaveURL(new RegExp(`${COURSE}$`));
    await page.getByRole("link", { name: "Linear regression", exact: false }).first().click();
    await expect(page.getByRole("heading", { name: /submissions$/ })).toBeVisible();

    await page.getByLabel("Lowest score").fill("high");
    await page.getByLabel("From (UTC day)").fill("2026-03-12");
    await page.getByLabel("To (UTC day)").fill("2026-03-01");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.locator("#minScore-error")).toContainText("Enter a number");
    await expect(page.getByLabel("Lowest score")).toHaveValue("high");

    await page.getByLabel("Lowest score").fill("");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.locator("#to-error")).toContainText("not be before");

    await page.getByLabel("Learner").fill("nobody-matches-this");
    await page.getByLabel("From (UTC day)").fill("");
    await page.getByLabel("To (UTC day)").fill("");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByText("No submissions match these filters.")).toBeVisible();
  });

  test("grants an extension with per-field errors, sees it in the audit log, and revokes it", async ({ page }) => {
    const learner = demoAccount("LEARNER");
    await page.goto(`${LAB}/extensions`);
    await page.getByRole("button", { name: "Grant extension" }).click();
    await expect(page.locator("#learnerId-error")).toContainText("Choose a learner");
    await expect(page.locator("#reason-error")).toContainText("Say why");

    await page.getByLabel("Learner").selectOption({ label: `${learner.name} (${learner.email})` });
    await page.getByLabel("Extra attempts").fill("2");
    await page.getByLabel("Reason").fill("Doctor's note for the first week");
    await page.getByRole("button", { name: "Grant extension" }).click();
    const row = page.getByRole("row", { name: new RegExp(learner.email) });
    await expect(row).toContainText("Doctor's note for the first week");

    await page.goto(`${COURSE}/audit`);
    await expect(page.getByRole("row", { name: /Extension granted/ }).first()).toContainText(
      "Doctor's note for the first week",
    );

    await page.goto(`${LAB}/extensions`);
    await page.getByRole("button", { name: `Revoke ${learner.name}'s extension` }).click();
    await expect(page.getByText("No learner has an extension for this lab.")).toBeVisible();
  });

  test("sees the gradebook and downloads it as CSV", async ({ page }) => {
    const learner = demoAccount("LEARNER");
    await page.goto(`${COURSE}/gradebook`);
    await expect(page.getByRole("rowheader", { name: new RegExp(learner.email) })).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file, "utf8");
    expect(csv.split("\r\n")[0]).toMatch(/^learner,email,lab:linear-regression best,lab:linear-regression passed/);
    expect(csv).toContain(learner.email);
  });

  test("opens the course analytics from the course page, sees its charts and downloads a table as CSV", async ({
    page,
  }) => {
    await page.goto(COURSE);
    await page.getByRole("link", { name: "Analytics" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /analytics$/ })).toBeVisible();
    for (const chart of ["analytics-chart-enrolment", "analytics-chart-pass-rate"]) {
      const figure = page.getByTestId(chart);
      // The drawing is one image, named by the chart's title.
      await expect(figure.locator("svg[role=img]")).toBeVisible();
      await expect(figure.getByRole("img")).toHaveAccessibleName(/.+/);
    }
    await expect(page.getByRole("heading", { level: 2, name: "Quiz and exam items" })).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByTestId("analytics-csv-labs").click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^analytics-labs-ml-foundations-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync(await file.path(), "utf8");
    expect(csv.split("\r\n")[0]).toBe(
      "lab,title,graded,learners_tried,learners_passed,pass_rate,graded_attempts,median_attempts_to_pass," +
        "median_hours_first_attempt_to_pass,median_hours_enrolment_to_pass",
    );
    expect(csv).toContain("\r\nlinear-regression,");
  });
});

test.describe("a regrade", () => {
  test("the learner's graded submission is regraded by the instructor without costing an attempt", async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const learnerContext = await browser.newContext({ storageState: storageStateFor("LEARNER") });
    const learnerPage = await learnerContext.newPage();
    await learnerPage.goto("/courses/ml-foundations/labs/linear-regression");
    await fillLabEditor(learnerPage, REFERENCE);
    await learnerPage.getByRole("button", { name: "Submit for grading" }).click();
    await expect(learnerPage).toHaveURL(/\/submissions\/[a-z0-9]+$/);
    const submissionId = new URL(learnerPage.url()).pathname.split("/").pop() ?? "";
    await learnerContext.close();

    const instructorContext = await browser.newContext({ storageState: storageStateFor("INSTRUCTOR") });
    const page = await instructorContext.newPage();
    await page.goto(`${COURSE}/submissions/${submissionId}`);
    await expect(page.getByTestId("submission-code")).toContainText("export");
    // The page refreshes itself until the worker has graded the submission.
    const regrade = page.getByRole("button", { name: "Regrade this submission" });
    await expect(regrade).toBeEnabled({ timeout: 240_000 });
    const attempt = await page.getByRole("heading", { level: 1 }).textContent();

    await regrade.click();
    await expect(page.locator("#reason-error")).toContainText("Say why");
    await page.getByLabel("Why regrade?").fill("Checking the new grader");
    await regrade.click();
    await expect(page.getByText("regraded", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(attempt ?? "");
    await expect(
      page.getByRole("listitem").filter({ hasText: "Regrade requested: Checking the new grader" }),
    ).toBeVisible();

    await page.goto(`${COURSE}/audit`);
    const request = page.getByRole("row", { name: /Regrade requested/ }).first();
    await expect(request).toContainText("Checking the new grader");
    // The old result as the learner's pages show it, never the raw action name.
    await expect(request).toContainText(/before: .+ \((Passed|Not passed|Could not be graded)\)/);
    await expect(page.getByTestId("audit-log")).not.toContainText("submission.regrade");
    await instructorContext.close();
  });
});

test.describe("as the demo admin", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  test("sees the queue and the workers", async ({ page }) => {
    await page.goto("/admin");
    await page.getByRole("link", { name: "Grading queue and workers" }).click();
    await expect(page.getByRole("heading", { name: "Grading queue" })).toBeVisible();
    await expect(page.getByTestId("queue-counts")).toContainText("Waiting");
    await expect(page.getByRole("heading", { name: "Running now" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Workers" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Failed jobs" })).toBeVisible();
  });

  test("on a 390 px phone, wide tables scroll inside their own box and the page never scrolls sideways", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [url, table] of [
      ["/admin", "Users"],
      [`${COURSE}/gradebook`, "Gradebook"],
    ] as const) {
      await page.goto(url);
      const region = page.getByRole("region", { name: table });
      await expect(region.getByRole("table", { name: table })).toBeVisible();
      // What sticks out past the right edge, outside a table's own scroll box, if anything does.
      const sticksOut = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const culprit = [...document.querySelectorAll("body *")].find(
          (element) => !element.closest(".table-scroll") && element.getBoundingClientRect().right > width + 1,
        );
        return {
          sideways: document.documentElement.scrollWidth - width,
          culprit: culprit ? `${culprit.tagName.toLowerCase()}.${culprit.className}` : null,
        };
      });
      expect(sticksOut, `${url} scrolls sideways`).toEqual({ sideways: 0, culprit: null });
      // Keyboard users can reach the box to scroll it.
      await expect(region).toHaveAttribute("tabindex", "0");
    }
  });

  test("makes a new account an instructor of the course", async ({ page, browser }) => {
    const email = `new-instructor-${Date.now()}@example.com`;
    // A fresh context would inherit the admin session this describe block uses.
    const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const signUp = await stranger.newPage();
    await signUp.goto("/sign-up");
    await signUp.getByLabel("Name").fill("Nia Newteacher");
    await signUp.getByLabel("Email").fill(email);
    await signUp.getByLabel("Password").fill("a-long-enough-password");
    await signUp.getByRole("button", { name: "Create account" }).click();
    await expect(signUp).toHaveURL(/\/dashboard$/);
    await stranger.close();

    await page.goto("/admin");
    await page.getByLabel(`Role of ${email}`).selectOption("INSTRUCTOR");
    // The server action is a POST; reload only once it has answered.
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page
        .getByRole("row", { name: new RegExp(email) })
        .getByRole("button", { name: "Save" })
        .click(),
    ]);
    await page.reload();
    await expect(page.getByLabel(`Role of ${email}`)).toHaveValue("INSTRUCTOR");

    await page.getByLabel("Account").selectOption({ label: `Nia Newteacher (${email})` });
    await page.getByLabel("Course", { exact: true }).selectOption("ml-foundations");
    await page.getByRole("button", { name: "Save course instructor" }).click();
    await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("ml-foundations");
  });
});
