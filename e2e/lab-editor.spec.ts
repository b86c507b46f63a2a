// The lab's CodeMirror editor in a real Chromium: drafts kept across reloads and browsers and never lost to an
// older tab, a practice check's error marked at its line, a 390 px screen, and the editor from the keyboard alone.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { fillLabEditor, labCode, labEditor } from "./fixtures/lab-editor";

const COURSE_URL = "/courses/ml-foundations";
const LAB_URL = `${COURSE_URL}/labs/linear-regression`;
const LAB_PATH = /\/courses\/ml-foundations\/labs\/linear-regression$/;

/** A new learner, enrolled, on the lab page: no draft of anyone else's can be in the way. */
async function newEnrolledLearner(browser: Browser, stem: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Edda Editor");
  await page.getByLabel("Email").fill(`${stem}-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(COURSE_URL);
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(page.getByTestId("enrolment-status")).toHaveText("You are enrolled in this course.");
  await page.goto(LAB_URL);
  await expect(page).toHaveURL(LAB_PATH);
  await expect(page.getByRole("form", { name: "Submit your solution" })).toHaveAttribute("data-hydrated", "true");
  return page;
}

test.describe("the lab editor", () => {
  test("keeps a draft across a reload and on another browser, and never lets an older tab overwrite it", async ({
    browser,
  }) => {
    // Two browsers, five page loads and a sign-up: more than the default minute on a busy machine.
    test.setTimeout(180_000);
    const page = await newEnrolledLearner(browser, "drafts");
    const status = page.getByTestId("draft-status");
    await expect(labCode(page)).toHaveValue(/export async function train/);

    await labEditor(page).click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("\n// kept as a draft");
    await expect(status).toHaveText("Saved");
    await page.reload();
    await expect(labCode(page)).toHaveValue(/\/\/ kept as a draft/);
    await expect(labEditor(page)).toContainText("// kept as a draft");

    // The same learner in another browser (its own cookies, no shared storage but the session).
    const other = await browser.newContext({ storageState: await page.context().storageState() });
    const otherPage = await other.newPage();
    await otherPage.goto(LAB_URL);
    await expect(labCode(otherPage)).toHaveValue(/\/\/ kept as a draft/);
    await fillLabEditor(otherPage, "export async function train() {\n  // from the other browser\n}\n");
    await expect(otherPage.getByTestId("draft-status")).toHaveText("Saved");

    // The first tab still holds the older draft: its next save is refused, and the newer draft survives.
    await fillLabEditor(page, "export async function train() {\n  // from the older tab\n}\n");
    await expect(status).toHaveText(/^Not saved: a newer draft was saved from another tab or device\./);
    await otherPage.reload();
    await expect(labCode(otherPage)).toHaveValue(/from the other browser/);

    // Reset, confirmed, brings the starter code back and forgets the draft.
    otherPage.once("dialog", (dialog) => void dialog.accept());
    await otherPage.getByRole("button", { name: "Reset to the starter code" }).click();
    await expect(labCode(otherPage)).toHaveValue(/export async function train/);
    await expect(labCode(otherPage)).not.toHaveValue(/from the other browser/);
    await otherPage.reload();
    await expect(labCode(otherPage)).not.toHaveValue(/from the other browser/);

    // A long line scrolls inside the editor on a phone; the page itself does not scroll sideways.
    await otherPage.setViewportSize({ width: 390, height: 844 });
    await fillLabEditor(otherPage, `export async function train() {\n  // ${"a very long line ".repeat(20)}\n}\n`);
    expect(await otherPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The same editor in Simplified Chinese.
    await otherPage.goto(otherPage.url().replace("/en/", "/zh-CN/"));
    await expect(otherPage.getByRole("textbox", { name: "你的模型代码" })).toBeVisible();
    await fillLabEditor(otherPage, "export async function train() {\n  // 中文界面下的草稿\n}\n");
    await expect(otherPage.getByTestId("draft-status")).toHaveText("已保存");
    await expect(otherPage.getByText("要用键盘离开编辑器，请先按 Esc，再按 Tab。")).toBeVisible();
    await other.close();
    await page.context().close();
  });

  test("marks a practice check's error at its line, and the error's place moves the cursor there", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const page = await newEnrolledLearner(browser, "marks");
    await fillLabEditor(page, "export async function train({ tf }) {\n  const x = ;\n}\n");
    await page.getByRole("button", { name: "Check my code" }).click();
    await expect(page.getByTestId("practice-status")).toHaveText("Your code did not run to the end", {
      timeout: 120_000,
    });
    const mark = page.locator(".cm-content .cm-lintRange-error");
    await expect(mark).toHaveCount(1);
    // Column 13 of line 2 is the ";" where an expression was expected.
    await expect(mark).toHaveText(";");
    await expect(page.locator(".cm-gutter-lint .cm-lint-marker-error")).toHaveCount(1);

    await page.getByTestId("practice-location").click();
    await expect(labEditor(page)).toBeFocused();
    await expect(page.locator(".cm-activeLine")).toHaveText("  const x = ;");
    await page.keyboard.type("1");
    await expect(labCode(page)).toHaveValue(/const x = 1;/);
    await page.context().close();
  });

  test("is used from the keyboard alone: Tab in, Tab indents, Escape then Tab out, Enter submits", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const page = await newEnrolledLearner(browser, "keys");
    await expect(page.getByText("To leave the editor from the keyboard, press Escape, then Tab.")).toBeVisible();
    await page.getByRole("heading", { name: "Your solution" }).click();
    for (let presses = 0; presses < 80; presses += 1) {
      if (await labEditor(page).evaluate((element) => element === document.activeElement)) break;
      await page.keyboard.press("Tab");
    }
    await expect(labEditor(page)).toBeFocused();
    await page.keyboard.press("ControlOrMeta+Home");
    await page.keyboard.type("// typed from the keyboard");
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Tab");
    await expect(labCode(page)).toHaveValue(/^ {2}\/\/ typed from the keyboard\n/);
    await expect(labEditor(page)).toBeFocused();

    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("combobox", { name: "Language" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel(/Or upload a file/)).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Submit for grading" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/submissions\/[a-z0-9]+$/);
    await page.context().close();
  });
});
