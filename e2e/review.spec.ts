// The review desk end to end: a learner's attempt at a lab with a rubric goes to the instructor, who
// grades it in the focused view (a line comment, rubric points, the keyboard shortcut) and releases
// it; the learner reads the review and asks about one criterion; the instructor changes its points;
// the learner sees the new score and is notified. One graded run of the fast linear-regression lab.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { demoAccount, storageStateFor } from "./fixtures/accounts";
import { fillLabEditor } from "./fixtures/lab-editor";
import { runLib } from "./fixtures/run-lib";

const LAB_DIR = path.resolve("content/courses/ml-foundations/assignments/linear-regression");
const REFERENCE = fs.readFileSync(path.join(LAB_DIR, "reference.js"), "utf8");
/** The content lab's own spec with a rubric added, saved through the authoring path as an instructor would. */
const SPEC_YAML = `${fs.readFileSync(path.join(LAB_DIR, "assignment.yaml"), "utf8")}
rubric:
  criteria:
    - key: readability
      title: { en: Readability, zh-CN: 可读性 }
      description: { en: Clear names and small functions., zh-CN: 命名清楚，函数短小。 }
      points: 6
    - key: design
      title: { en: Model design, zh-CN: 模型设计 }
      description: { en: A model that fits the problem., zh-CN: 模型与问题相符。 }
      points: 4
  combine: { autograderWeight: 0.5, rubricWeight: 0.5, passPercent: 80 }
`;

test("a rubric-graded attempt and a regrade request go from learner to instructor and back", async ({ browser }) => {
  test.setTimeout(360_000);
  const courseSlug = `review-${crypto.randomBytes(4).toString("hex")}`;
  const email = `review-learner-${crypto.randomBytes(4).toString("hex")}@example.com`;
  const password = "review-learner-1";
  runLib(
    `
    const instructor = await db.user.findUniqueOrThrow({ where: { email: ${JSON.stringify(demoAccount("INSTRUCTOR").email)} },
      select: { id: true, role: true } });
    await createCourse({ viewer: instructor, input: { slug: ${JSON.stringify(courseSlug)},
      title: { en: "Review desk course", "zh-CN": "评阅课程" }, summary: { en: "For the review test.", "zh-CN": "评阅测试用。" } } });
    await saveAssignment({ viewer: instructor, courseSlug: ${JSON.stringify(courseSlug)}, assignmentSlug: null,
      input: { specYaml: ${JSON.stringify(SPEC_YAML)}, brief: { en: "# Fit a line\\n", "zh-CN": "# 拟合直线\\n" },
        starter: "export async function train() {}\\n" } });
    const course = await db.course.update({ where: { slug: ${JSON.stringify(courseSlug)} }, data: { isPublished: true },
      select: { id: true } });
    await db.user.create({ data: { email: ${JSON.stringify(email)}, name: "Rita Reviewed",
      passwordHash: await hashPassword(${JSON.stringify(password)}), enrolments: { create: { courseId: course.id } } } });`,
    {
      createCourse: "lib/authoring/create-course.ts",
      saveAssignment: "lib/authoring/save-assignment.ts",
      hashPassword: "lib/users/password.ts",
    },
  );

  // The learner passes the autograder with the reference solution.
  const learner = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await learner.goto("/sign-in");
  await learner.getByLabel("Email").fill(email);
  await learner.getByLabel("Password").fill(password);
  await learner.getByRole("button", { name: "Sign in" }).click();
  await expect(learner).toHaveURL(/\/dashboard$/);
  await learner.goto(`/courses/${courseSlug}/labs/linear-regression`);
  await fillLabEditor(learner, REFERENCE);
  await learner.getByRole("button", { name: "Submit for grading" }).click();
  await expect(learner).toHaveURL(/\/submissions\/[a-z0-9]+$/);
  const submissionUrl = learner.url();
  await expect(learner.getByTestId("submission-status")).toHaveText("Passed", { timeout: 240_000 });
  await learner.reload();
  // Nothing of the review before it is released.
  await expect(learner.getByTestId("review-section")).toContainText("The review shows here once it is released.");

  // The instructor grades it in the focused view.
  const instructor = await (await browser.newContext({ storageState: storageStateFor("INSTRUCTOR") })).newPage();
  await instructor.goto(`/instructor/courses/${courseSlug}/labs/linear-regression`);
  await instructor.getByRole("link", { name: "Grade with the rubric" }).click();
  await expect(instructor.getByRole("row", { name: /Rita Reviewed/ }).getByTestId("review-state")).toHaveText(
    "To grade",
  );
  await instructor
    .getByRole("row", { name: /Rita Reviewed/ })
    .getByRole("link", { name: "Grade" })
    .click();
  await expect(instructor.getByRole("heading", { name: "Rita Reviewed, attempt 1" })).toBeVisible();
  await expect(instructor.getByTestId("grading-shortcuts")).toContainText("a save the rubric");
  await instructor.getByRole("button", { name: "Comment on line 1", exact: true }).click();
  await instructor.getByLabel("Your comment on line 1").fill("Say what this import is for.");
  await instructor.getByRole("button", { name: "Save comment" }).click();
  await expect(instructor.getByTestId("review-comment")).toHaveText(/Say what this import is for\./);
  await instructor.getByLabel("Points: Readability").fill("5");
  await instructor.getByLabel("Comment for the learner: Readability").fill("Good names.");
  await instructor.getByLabel("Points: Model design").fill("1");
  // The shortcut saves, once the cursor has left the fields.
  await instructor.getByRole("heading", { name: "Rubric" }).click();
  await instructor.keyboard.press("a");
  await expect(instructor.getByText("Saved as a draft.")).toBeVisible();
  await expect(instructor.getByTestId("combined-score")).toContainText("Combined score 80.0%");
  await instructor.getByRole("button", { name: "Release to the learner" }).click();
  await expect(instructor.getByTestId("review-state")).toContainText("Released");

  // The learner reads the review and asks about one criterion.
  await learner.goto(submissionUrl);
  await expect(learner.getByTestId("review-comment")).toHaveText("Say what this import is for.");
  await expect(learner.getByTestId("criterion-points-design")).toHaveText("1 / 4");
  await expect(learner.getByTestId("learner-combined-score")).toContainText("Combined score 80.0%");
  await learner.getByLabel("About", { exact: true }).selectOption({ label: "Model design" });
  await learner
    .getByLabel("Reason", { exact: true })
    .fill("The brief asks for one dense neuron, which is what I built.");
  await learner.getByRole("button", { name: "Send request" }).click();
  await expect(learner.getByText("Sent. An instructor will answer; you will be notified.")).toBeVisible();

  // The instructor accepts with a changed score.
  await instructor.goto(`/instructor/courses/${courseSlug}/regrade-requests`);
  const request = instructor.getByTestId("regrade-request").filter({ hasText: "Rita Reviewed" });
  await expect(request).toContainText("The brief asks for one dense neuron");
  await request.getByLabel("New points").fill("4");
  await request.getByLabel("Answer to the learner").fill("Agreed: the design fits the brief.");
  await request.getByRole("button", { name: "Answer" }).click();
  await expect(instructor.getByText("No open requests.")).toBeVisible();

  // The learner sees the new score and the notification.
  await learner.goto(submissionUrl);
  await expect(learner.getByTestId("criterion-points-design")).toHaveText("4 / 4");
  await expect(learner.getByTestId("learner-combined-score")).toContainText("Combined score 95.0%");
  await expect(learner.getByTestId("notifications-badge")).toHaveText("2");
  await learner.getByTestId("notifications-link").click();
  await expect(learner.getByTestId("notification").first()).toContainText(
    "Your regrade request for Lab 1: Linear regression with one dense neuron was accepted.",
  );
  await expect(learner.getByTestId("notification").nth(1)).toContainText("is released");
  await learner.reload();
  await expect(learner.getByTestId("notifications-badge")).toHaveCount(0);
});
