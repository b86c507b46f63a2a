// A new learner's lesson quiz: answers kept across a reload, a failed attempt that explains without
// giving the key away, the cool-down, and the key once the quiz is passed.
import { expect, test } from "@playwright/test";
import { runLib } from "./fixtures/run-lib";
import { answerEverything } from "./fixtures/quiz-answers";

const LESSON = "/courses/ml-foundations/lessons/what-are-large-models";

test("a learner's quiz: saved answers, a failed attempt without the key, the cool-down, then the key", async ({
  page,
}) => {
  const email = `quiz-${Date.now()}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Quinn Quiz");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/courses/ml-foundations");
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(page.getByTestId("enrolment-status")).toBeVisible();

  await page.goto(LESSON);
  await expect(page.getByText(/3 attempts\. After each attempt, wait 10 minutes before the next\./)).toBeVisible();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page).toHaveURL(/\/lessons\/what-are-large-models\/quiz\/[a-z0-9]+$/);
  const attemptUrl = page.url();

  // An answer is saved a moment after it is given, and a reload finds it.
  const number = page.getByTestId("question").locator('input[type="text"]').first();
  await number.fill("12345");
  await expect(page.getByTestId("save-state")).toHaveText("Your answers are saved; they will be here if you reload.");
  await page.reload();
  await expect(page.getByTestId("question").locator('input[type="text"]').first()).toHaveValue("12345");

  const count = await answerEverything(page);
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("attempt-outcome")).toHaveText("Not passed");
  await expect(page.getByTestId("question-result")).toHaveCount(count);
  await expect(page.locator(".question-result .badge.failed").first()).toHaveText("Incorrect");
  await expect(page.getByText("Why").first()).toBeVisible();
  await expect(page.getByTestId("key-hidden")).toBeVisible();
  await expect(page.getByTestId("correct-answer")).toHaveCount(0);
  // Nor anywhere in what the server sent (the HTML and the data that comes with it).
  const raw = await (await page.request.get(attemptUrl)).text();
  expect(raw).not.toContain("Correct answer");
  expect(raw).not.toMatch(/"answer":\{"(choices|value)"/);

  await expect(page.getByTestId("start-block")).toHaveText(
    /^Your next attempt opens at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/,
  );
  await expect(page.getByRole("button", { name: "Take it again" })).toHaveCount(0);
  await page.goto(LESSON);
  await expect(page.getByTestId("start-block")).toContainText("Your next attempt opens at");

  // Ten minutes on (moved in the database), the learner passes, answering as one who knows the material.
  runLib(
    `const user = await db.user.findUniqueOrThrow({ where: { email: ${JSON.stringify(email)} }, select: { id: true, role: true } });
    await db.quizAttempt.updateMany({ where: { userId: user.id }, data: { submittedAt: new Date(Date.now() - 11 * 60_000) } });
    const percent = await takeQuiz({ learner: user, courseSlug: "ml-foundations", quizSlug: "what-are-large-models",
      answers: loadAnswerKey("ml-foundations").get("what-are-large-models") });
    if (percent !== 100) throw new Error("the answer key scored " + percent);`,
    { takeQuiz: "lib/demo/take-quiz.ts", loadAnswerKey: "lib/demo/answer-key.ts" },
  );
  await page.goto(attemptUrl);
  await expect(page.getByTestId("key-hidden")).toHaveCount(0);
  await expect(page.getByTestId("correct-answer")).toHaveCount(count);
  await expect(page.getByTestId("start-block")).toHaveText(
    "You have passed this quiz. Your attempts now show the correct answers.",
  );
});
