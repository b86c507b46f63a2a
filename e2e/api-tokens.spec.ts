import { expect, test } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";

const COURSE = "ml-foundations";

test.describe("personal access tokens", () => {
  test.describe("as the demo learner", () => {
    test.use({ storageState: storageStateFor("LEARNER") });

    test("creates a token, sees it once, uses it with the API, revokes it", async ({ page, request }) => {
      const name = `e2e laptop ${Date.now()}`;
      await page.goto("/account/tokens");
      await expect(page.getByRole("heading", { name: "Personal access tokens" })).toBeVisible();

      await page.getByRole("button", { name: "Create token" }).click();
      await expect(page.locator("#name-error")).toContainText("Name the token");

      await page.getByLabel("Token name").fill(name);
      await page.getByLabel("Expires after").selectOption("7");
      await page.getByRole("button", { name: "Create token" }).click();
      const shown = page.getByLabel("Token", { exact: true });
      await expect(shown).toHaveValue(/^gra_[A-Za-z0-9_-]{43}$/);
      const token = await shown.inputValue();
      const row = page.getByTestId("token-row").filter({ hasText: name });
      await expect(row).toContainText(token.slice(0, 12));
      await expect(row).toContainText("active");

      const authorization = `Bearer ${token}`;
      const assignments = await request.get("/api/v1/assignments", { headers: { authorization } });
      expect(assignments.status()).toBe(200);
      const { assignments: labs } = (await assignments.json()) as {
        assignments: { course: { slug: string }; slug: string }[];
      };
      expect(labs.some((lab) => lab.course.slug === COURSE)).toBe(true);
      expect((await request.get(`/api/v1/courses/${COURSE}/grades.csv`, { headers: { authorization } })).status()).toBe(
        403,
      );

      // Shown once: after a reload only the prefix remains, and the use is recorded.
      await page.reload();
      await expect(page.getByLabel("Token", { exact: true })).toHaveCount(0);
      await expect(page.locator("body")).not.toContainText(token.slice(12));
      await expect(row.getByRole("cell").nth(3)).not.toHaveText("Never");

      await row.getByRole("button", { name: `Revoke ${name}` }).click();
      await expect(row).toContainText("revoked");
      const refused = await request.get("/api/v1/assignments", { headers: { authorization } });
      expect(refused.status()).toBe(401);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("not valid");
    });
  });

  test.describe("as the demo instructor", () => {
    test.use({ storageState: storageStateFor("INSTRUCTOR") });

    test("exports the course's grades as CSV with a token", async ({ page, request }) => {
      await page.goto("/account/tokens");
      await page.getByLabel("Token name").fill(`grades export ${Date.now()}`);
      await page.getByRole("button", { name: "Create token" }).click();
      const token = await page.getByLabel("Token", { exact: true }).inputValue();
      expect(token).toMatch(/^gra_/);

      const response = await request.get(`/api/v1/courses/${COURSE}/grades.csv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toContain("text/csv");
      expect((await response.text()).split("\r\n")[0]).toMatch(/^learner,email,lab:linear-regression best,/);
    });
  });

  test("the API is described at /api/openapi.json and refuses requests without a token", async ({ request }) => {
    const document = await request.get("/api/openapi.json");
    expect(document.status()).toBe(200);
    expect(((await document.json()) as { openapi: string }).openapi).toBe("3.1.0");
    const anonymous = await request.get("/api/v1/assignments");
    expect(anonymous.status()).toBe(401);
    expect(anonymous.headers()["www-authenticate"]).toContain("Bearer");
  });
});
