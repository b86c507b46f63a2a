import { expect, test } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";

const COURSE = "/courses/ml-foundations";

// Each of these once showed the not-found page with status 200: a loading screen had already sent
// the status before the page found out that what was asked for does not exist.
const UNKNOWN_TO_A_LEARNER = [
  "/courses/no-such-course",
  `${COURSE}/lessons/no-such-lesson`,
  `${COURSE}/labs/no-such-lab`,
  "/submissions/no-such-submission",
  "/submissions/clzzzzzzzzzzzzzzzzzzzzzzz",
  "/verify/no-such-certificate",
  "/verify/00000000-0000-4000-8000-000000000000",
];

const UNKNOWN_TO_AN_INSTRUCTOR = [
  "/instructor/courses/no-such-course",
  "/instructor/courses/ml-foundations/labs/no-such-lab",
  "/instructor/courses/ml-foundations/labs/no-such-lab/extensions",
  "/instructor/courses/ml-foundations/submissions/no-such-submission",
  "/instructor/authoring/no-such-course",
  "/instructor/authoring/ml-foundations/labs/no-such-lab",
  "/instructor/authoring/ml-foundations/lessons/no-such-lesson",
];

test.describe("a learner asking for what does not exist", () => {
  test.use({ storageState: storageStateFor("LEARNER") });
  for (const path of UNKNOWN_TO_A_LEARNER) {
    test(`gets 404 for ${path}`, async ({ request }) => {
      expect((await request.get(path, { maxRedirects: 5 })).status()).toBe(404);
    });
  }
});

test.describe("an instructor asking for what does not exist", () => {
  test.use({ storageState: storageStateFor("INSTRUCTOR") });
  for (const path of UNKNOWN_TO_AN_INSTRUCTOR) {
    test(`gets 404 for ${path}`, async ({ request }) => {
      expect((await request.get(path, { maxRedirects: 5 })).status()).toBe(404);
    });
  }
});

test("a visitor gets 404 for an unknown certificate's verify page", async ({ request }) => {
  expect((await request.get("/verify/no-such-certificate")).status()).toBe(404);
});

test("the site has an icon at /favicon.ico and declares it", async ({ request, page }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/image\//);
  await page.goto("/");
  const declared = page.locator('link[rel="icon"]');
  await expect(declared.first()).toHaveAttribute("href", /icon|favicon/);
});
