// A learner who uses only the keyboard: signs in, goes to a lab, submits code and reads the result.
// Nothing is clicked; focus moves with Tab and Shift+Tab, links and buttons are pressed with Enter.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { demoAccount } from "./fixtures/accounts";
import { labCode, labEditor } from "./fixtures/lab-editor";

const LAB_DIR = path.resolve("content/courses/ml-foundations/assignments/linear-regression");
const SUBMISSION_URL = /\/submissions\/[a-z0-9]+$/;
// More Tab presses than any page here has stops before its target.
const MAX_PRESSES = 200;

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement).catch(() => false);
}

/** Presses `key` (Tab or Shift+Tab) until `target` has the focus. */
async function moveFocusTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab"): Promise<void> {
  for (let presses = 0; presses < MAX_PRESSES; presses++) {
    await page.keyboard.press(key);
    if (await isFocused(target)) return;
  }
  throw new Error(`${key} never reached ${target.toString()}`);
}

// The editor's part of the journey (CodeMirror: e2e/fixtures/lab-editor.ts), kept together.

/**
 * Tabs into the editor, selects everything in it and pastes `code` over it, as Ctrl+V would: typed
 * code would be indented and its brackets closed by the editor.
 */
async function pasteIntoEditor(page: Page, code: string): Promise<void> {
  await expect(page.getByRole("form", { name: "Submit your solution" })).toHaveAttribute("data-hydrated", "true");
  await moveFocusTo(page, labEditor(page));
  await page.keyboard.press("ControlOrMeta+A");
  await labEditor(page).evaluate((element, text) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData("text/plain", text);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  }, code);
  await expect(labCode(page)).toHaveValue(code);
}

/** Leaves the editor the way its hint says (Escape, then Tab) and moves on to the submit button. */
async function focusSubmitFromEditor(page: Page): Promise<Locator> {
  await expect(labEditor(page)).toBeFocused();
  await page.keyboard.press("Escape");
  const submit = page.getByRole("button", { name: "Submit for grading" });
  await moveFocusTo(page, submit);
  return submit;
}

/**
 * Focuses the submit button on a freshly loaded page: Shift+Tab from the end of the page reaches it
 * without passing through the editor. The draft survives the reload.
 */
async function focusSubmitAfterReload(page: Page, code: string): Promise<Locator> {
  await page.reload();
  await expect(page.getByRole("form", { name: "Submit your solution" })).toHaveAttribute("data-hydrated", "true");
  await expect(labCode(page)).toHaveValue(code);
  const submit = page.getByRole("button", { name: "Submit for grading" });
  await moveFocusTo(page, submit, "Shift+Tab");
  return submit;
}

test("a keyboard-only learner signs in, submits a lab and reads its result", async ({ page }) => {
  test.setTimeout(300_000);
  const learner = demoAccount("LEARNER");

  await page.goto("/sign-in?callbackUrl=%2Fcourses%2Fml-foundations");
  await moveFocusTo(page, page.getByLabel("Email"));
  await page.keyboard.type(learner.email);
  await moveFocusTo(page, page.getByLabel("Password"));
  await page.keyboard.type(learner.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/courses\/ml-foundations$/);

  await moveFocusTo(page, page.getByRole("link", { name: /Linear regression/ }).first());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/courses\/ml-foundations\/labs\/linear-regression$/);

  const code = fs.readFileSync(path.join(LAB_DIR, "reference.js"), "utf8");
  await pasteIntoEditor(page, code);
  await focusSubmitFromEditor(page);
  await page.keyboard.press("Enter");
  // Other specs submit as the same learner; the limit of 5 a minute may answer first.
  const limited = page.getByRole("alert").filter({ hasText: /Try again in \d+ seconds?/ });
  await Promise.race([
    page.waitForURL(SUBMISSION_URL, { timeout: 15_000 }).catch(() => undefined),
    limited.waitFor({ timeout: 15_000 }).catch(() => undefined),
  ]);
  if (!SUBMISSION_URL.test(page.url()) && (await limited.isVisible())) {
    const seconds = Number(/Try again in (\d+) seconds?/.exec((await limited.textContent()) ?? "")?.[1] ?? "60");
    await page.waitForTimeout((seconds + 1) * 1000);
    await focusSubmitAfterReload(page, code);
    await page.keyboard.press("Enter");
  }
  await expect(page).toHaveURL(SUBMISSION_URL);

  // The result is announced in a live region and can be read, and the way on reached, by keyboard.
  await expect(page.getByRole("region", { name: "Grading status" })).toHaveAttribute("aria-live", "polite");
  await expect(page.getByTestId("submission-status")).toHaveText("Passed", { timeout: 240_000 });
  await expect(page.getByTestId("submission-score")).toContainText("Mean squared error");
  await moveFocusTo(page, page.getByRole("link", { name: "Submit again" }));
  await moveFocusTo(page, page.getByRole("link", { name: /^Next lab: / }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/courses\/ml-foundations\/labs\/mnist-dense$/);
});
