import { expect, test } from "@playwright/test";
import { demoAccount, storageStateFor } from "./fixtures/accounts";

test.describe("a new learner", () => {
  test("signs up, signs out, signs back in and sees the dashboard", async ({ page }) => {
    const email = `new-learner-${Date.now()}@example.com`;
    const password = "a-long-enough-password";

    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Nova Learner");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: "Welcome, Nova Learner" })).toBeVisible();
    await expect(page.getByTestId("role")).toHaveText("learner");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: "Welcome, Nova Learner" })).toBeVisible();
  });

  test("sees an error on each wrong sign-up field and keeps what was typed", async ({ page }) => {
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Bad Input");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page.locator("#email-error")).toContainText("valid email");
    await expect(page.locator("#password-error")).toContainText("at least 10 characters");
    await expect(page.getByLabel("Name")).toHaveValue("Bad Input");

    await page.getByLabel("Email").fill(demoAccount("LEARNER").email);
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("#email-error")).toContainText("already exists");
  });

  test("is told a sign-in failed without learning which part was wrong", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(demoAccount("LEARNER").email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#sign-in-error")).toHaveText("That email and password do not match an account.");

    await page.getByLabel("Email").fill("nobody-here@example.com");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#sign-in-error")).toHaveText("That email and password do not match an account.");
  });
});

test.describe("roles", () => {
  test.describe("as the demo learner", () => {
    test.use({ storageState: storageStateFor("LEARNER") });

    test("cannot open the instructor or admin pages", async ({ page }) => {
      const instructor = await page.goto("/instructor");
      expect(instructor?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "403 · Not allowed" })).toBeVisible();
      const admin = await page.goto("/admin");
      expect(admin?.status()).toBe(403);
    });
  });

  test.describe("as the demo instructor", () => {
    test.use({ storageState: storageStateFor("INSTRUCTOR") });

    test("opens the instructor workspace but not the admin page", async ({ page }) => {
      await page.goto("/instructor");
      await expect(page.getByRole("heading", { name: "Instructor workspace" })).toBeVisible();
      const admin = await page.goto("/admin");
      expect(admin?.status()).toBe(403);
    });
  });

  test.describe("as the demo admin", () => {
    test.use({ storageState: storageStateFor("ADMIN") });

    test("sees every account", async ({ page }) => {
      await page.goto("/admin");
      await expect(page.getByRole("cell", { name: demoAccount("LEARNER").email })).toBeVisible();
    });
  });
});
