import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";
import { answerEverything } from "./fixtures/quiz-answers";

const COURSE = "/courses/ml-foundations";

/** Rows in the attempts table of the current page, header included; 0 while there is none. */
async function attemptRows(page: Page): Promise<number> {
  return page.getByTestId("attempts").getByRole("row").count();
}

test.describe("a visitor who is not signed in", () => {
  test("sees the syllabus and the pass rule, is asked to sign in to enrol, and reads a lesson", async ({ page }) => {
    await page.goto(COURSE);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Machine Learning Foundations");
    await expect(page.getByRole("list", { name: "Syllabus" }).getByRole("listitem")).not.toHaveCount(0);
    await expect(page.getByRole("heading", { name: "How to pass" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in to enrol" })).toHaveAttribute(
      "href",
      /callbackUrl=%2Fcourses%2Fml-foundations/,
    );
    await page.getByRole("list", { name: "Syllabus" }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/courses\/ml-foundations\/lessons\/what-are-large-models$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // The quiz needs an account; signing in comes back here.
    await expect(page.getByRole("main").getByRole("link", { name: "Sign in", exact: true })).toHaveAttribute(
      "href",
      /\/sign-in\?callbackUrl=%2F(?:[a-zA-Z-]+%2F)?courses%2Fml-foundations%2Flessons%2Fwhat-are-large-models$/,
    );
  });

  test("is told an unknown course does not exist, and cannot walk out of a figures folder", async ({
    page,
    request,
  }) => {
    await page.goto("/courses/no-such-course");
    await expect(page.getByRole("heading", { name: "404 · Page not found" })).toBeVisible();
    const escape = await request.get(`${COURSE}/lessons/what-are-large-models/figures/..%2Flesson.yaml`);
    expect(escape.status()).toBe(404);
  });
});

test.describe("a new learner", () => {
  test("signs up and enrols in the course from its page", async ({ page }) => {
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Enid Enroller");
    await page.getByLabel("Email").fill(`enrol-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    await page.goto(COURSE);
    await page.getByRole("button", { name: "Enrol in this course" }).click();
    await expect(page.getByTestId("enrolment-status")).toHaveText("You are enrolled in this course.");
    await expect(page.getByText(/0 of \d+ lessons completed/)).toBeVisible();
  });
});

test.describe("the demo learner", () => {
  test.use({ storageState: storageStateFor("LEARNER") });

  test("reads a lesson with math, runnable code and its figure", async ({ page }) => {
    await page.goto(`${COURSE}/lessons/gradient-descent-backprop`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator(".markdown .katex").first()).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Code example 1, editable" })).toHaveValue(/@tensorflow\/tfjs/);
    const figure = page.locator(".markdown img").first();
    await figure.scrollIntoViewIfNeeded();
    await expect(figure).toHaveAttribute("src", /\/lessons\/gradient-descent-backprop\/figures\/[a-z0-9-]+\.svg$/);
    await expect.poll(() => figure.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  });

  test("takes a lesson quiz: errors per question, grading on the server, no answer key after a fail", async ({
    page,
  }) => {
    await page.goto(`${COURSE}/lessons/what-are-large-models`);
    await page.getByRole("button", { name: /Start the quiz|Continue your attempt/ }).click();
    await expect(page).toHaveURL(/\/lessons\/what-are-large-models\/quiz\/[a-z0-9]+$/);

    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.locator(".form-error").first()).toContainText(/Please check \d+ questions?/);
    await expect(page.getByText("Answer this question.").first()).toBeVisible();
    await expect(page.getByTestId("question-result")).toHaveCount(0);

    // The first choice shown and the number 1 cannot reach the pass mark of this quiz.
    const count = await answerEverything(page);
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByTestId("attempt-score")).toContainText(new RegExp(`of ${count}`));
    await expect(page.getByTestId("question-result")).toHaveCount(count);
    await expect(page.getByText("Why").first()).toBeVisible();
    // Which answers were wrong and why, but not the right ones while another attempt may follow.
    await expect(page.getByTestId("key-hidden")).toBeVisible();
    await expect(page.getByTestId("correct-answer")).toHaveCount(0);
    await expect(page.getByTestId("start-block")).toContainText("Your next attempt opens at");

    await page.goto(`${COURSE}/lessons/what-are-large-models`);
    const rows = page.getByTestId("attempts").getByRole("row");
    await expect(rows.nth(1)).toContainText(/\d%/);
  });

  test("takes the timed final exam with questions drawn on the server", async ({ page }) => {
    await page.goto(`${COURSE}/exam`);
    await expect(page.getByText(/drawn at random from the question bank/)).toBeVisible();
    const rowsBefore = Math.max(await attemptRows(page), 1);
    await page.getByRole("button", { name: /Start the exam|Continue your attempt/ }).click();
    await expect(page).toHaveURL(/\/exam\/[a-z0-9]+$/);
    await expect(page.getByTestId("time-left")).toHaveText(/^\d{2}:\d{2}$/);
    const count = await answerEverything(page);
    expect(count).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByTestId("attempt-outcome")).toBeVisible();
    await expect(page.getByTestId("question-result")).toHaveCount(count);
    await page.getByRole("link", { name: "Back to the exam page" }).last().click();
    await expect(page.getByTestId("attempts").getByRole("row")).toHaveCount(rowsBefore + 1);
  });

  test("switches the site to Simplified Chinese, and the choice is remembered", async ({ page }) => {
    await page.goto(COURSE);
    await page.getByRole("button", { name: "简体中文" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("机器学习基础");
    await page.goto(`${COURSE}/lessons/what-are-large-models`);
    await expect(page.getByRole("heading", { name: "检验你的理解" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("大模型");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Check your understanding" })).toBeVisible();
  });
});
