// The whole loop an instructor runs without touching the repository: create a lab in the web app,
// a learner submits to it and passes, the instructor finds the submission, regrades it and exports
// the gradebook with the new lab in it.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";
import { fillLabEditor, labCode } from "./fixtures/lab-editor";

const REFERENCE = fs.readFileSync(
  path.resolve("content/courses/ml-foundations/assignments/linear-regression/reference.js"),
  "utf8",
);

const spec = (slug: string) => `slug: ${slug}
title:
  en: "Journey lab: fit a plane"
  zh-CN: 旅程实验：拟合平面
mode: train
dataset:
  kind: synthetic-regression
  features: 4
  noise: 0.5
split:
  trainSize: 1000
  heldOutSize: 500
  seed: 11
metric:
  name: mse
  threshold: 0.4
  direction: lower
budget:
  maxEpochs: 60
  trainingSeconds: 20
  maxParameters: 100
trainingBackend: cpu
`;

test("an instructor creates a lab, a learner passes it, the instructor regrades it and exports the gradebook", async ({
  browser,
}) => {
  test.setTimeout(400_000);
  const slug = `journey-${Date.now().toString(36)}`;

  const instructor = await (await browser.newContext({ storageState: storageStateFor("INSTRUCTOR") })).newPage();
  await instructor.goto("/instructor/authoring/ml-foundations/labs/new");
  await expect(instructor.locator("form.authoring-form")).toHaveAttribute("data-hydrated", "true");
  await instructor.getByLabel("Specification (assignment.yaml)", { exact: true }).fill(spec(slug));
  await instructor
    .getByLabel("Brief (English Markdown)", { exact: true })
    .fill("# Fit a plane\n\nFour features, one target.\n");
  await instructor
    .getByLabel("Brief (简体中文 Markdown)", { exact: true })
    .fill("# 拟合平面\n\n四个特征，一个目标。\n");
  await instructor
    .getByLabel("Starter code (starter.js)", { exact: true })
    .fill("export async function train({ tf, data }) {\n  // your model here\n}\n");
  await instructor.getByRole("button", { name: "Create lab" }).click();
  await expect(instructor).toHaveURL(new RegExp(`/instructor/authoring/ml-foundations/labs/${slug}$`));

  const learnerContext = await browser.newContext({ storageState: storageStateFor("LEARNER") });
  const learner = await learnerContext.newPage();
  await learner.goto(`/courses/ml-foundations/labs/${slug}`);
  await expect(learner.getByRole("heading", { name: "Journey lab: fit a plane" })).toBeVisible();
  await expect(labCode(learner)).toHaveValue(/your model here/);
  await fillLabEditor(learner, REFERENCE);
  await learner.getByRole("button", { name: "Submit for grading" }).click();
  await expect(learner).toHaveURL(/\/submissions\/[a-z0-9]+$/);
  await expect(learner.getByTestId("submission-status")).toHaveText("Passed", { timeout: 240_000 });
  await learnerContext.close();

  await instructor.goto(`/instructor/courses/ml-foundations/labs/${slug}`);
  await instructor
    .getByRole("link", { name: /^Open .*'s attempt 1$/ })
    .first()
    .click();
  await expect(instructor.getByTestId("submission-code")).toContainText("export");
  await instructor.getByLabel("Why regrade?").fill("Checking the new lab end to end");
  await instructor.getByRole("button", { name: "Regrade this submission" }).click();
  await expect(instructor.getByText("regraded", { exact: true }).first()).toBeVisible();
  await expect(
    instructor.getByRole("listitem").filter({ hasText: "Regrade requested: Checking the new lab end to end" }),
  ).toBeVisible();

  await instructor.goto("/instructor/courses/ml-foundations/gradebook");
  const download = instructor.waitForEvent("download");
  await instructor.getByRole("link", { name: "Download CSV" }).click();
  const csv = fs.readFileSync(await (await download).path(), "utf8");
  expect(csv.split("\r\n")[0]).toContain(`lab:${slug} best`);
});
