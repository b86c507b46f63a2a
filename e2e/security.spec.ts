import { expect, test, type APIRequestContext } from "@playwright/test";
import { OTHER_ACCOUNTS, OTHER_COURSE, storageStateFor, type AccountKey } from "./fixtures/accounts";
import { fillLabEditor } from "./fixtures/lab-editor";
import { runLib } from "./fixtures/run-lib";

const COURSE = "ml-foundations";
const SCRIPT_NAME = `<script>window.__planted = 1</script><img src=x onerror="window.__planted = 2">`;

test.describe("learner-supplied text", () => {
  test("a name and code full of markup are shown as text everywhere and never run", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill(SCRIPT_NAME);
    await page.getByLabel("Email").fill(`planted-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("<script>window.__planted = 1</script>");

    await page.goto(`/courses/${COURSE}`);
    await page.getByRole("button", { name: /Enrol/ }).click();
    // The lab page only offers submitting once the enrolment is stored.
    await expect(page.getByTestId("enrolment-status")).toHaveText("You are enrolled in this course.");
    await page.goto(`/courses/${COURSE}/labs/linear-regression`);
    await fillLabEditor(page, `</textarea><script>window.__planted = 3</script>\nexport async function train( {`);
    await page.getByRole("button", { name: "Submit for grading" }).click();
    await expect(page).toHaveURL(/\/submissions\//);
    await expect(page.getByTestId("submission-status")).toHaveText("Not passed", { timeout: 60_000 });
    await page.getByText(/^Code \(JavaScript/).click();
    await expect(page.locator("pre code")).toContainText("<script>window.__planted = 3</script>");
    expect(await page.evaluate(() => (window as unknown as { __planted?: number }).__planted)).toBeUndefined();
    await context.close();
  });
});

test("every response carries the security headers", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  // No site may frame Gradient but the LMSs registered for LTI (none, or those the LTI tests registered).
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors ('none'|'self'( https?:\/\/[^\s;']+)+)(;|$)/);
  expect(headers["x-frame-options"]).toBeUndefined();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
});

const ROLES = ["anonymous", "learner", "otherLearner", "otherInstructor", "instructor", "admin"] as const;
type Role = (typeof ROLES)[number];
type Row = { path: string } & Record<Role, number>;

/** Where each role's signed-in state is saved; the anonymous visitor has none. */
const STATE_OF: Record<Exclude<Role, "anonymous">, AccountKey> = {
  learner: "LEARNER",
  otherLearner: "OTHER_LEARNER",
  otherInstructor: "OTHER_INSTRUCTOR",
  instructor: "INSTRUCTOR",
  admin: "ADMIN",
};

/**
 * What each kind of visitor gets from the pages and route handlers that are not for everyone.
 * `submissionId` is the other learner's lab submission: someone else's work to the demo learner.
 */
function matrix(submissionId: string): Row[] {
  return [
    {
      path: "/dashboard",
      anonymous: 307,
      learner: 200,
      otherLearner: 200,
      otherInstructor: 200,
      instructor: 200,
      admin: 200,
    },
    {
      path: "/account/tokens",
      anonymous: 307,
      learner: 200,
      otherLearner: 200,
      otherInstructor: 200,
      instructor: 200,
      admin: 200,
    },
    {
      path: "/instructor",
      anonymous: 307,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 200,
      instructor: 200,
      admin: 200,
    },
    {
      path: `/instructor/courses/${COURSE}`,
      anonymous: 307,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 403,
      instructor: 200,
      admin: 200,
    },
    {
      path: `/instructor/courses/${OTHER_COURSE}`,
      anonymous: 307,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 200,
      instructor: 403,
      admin: 200,
    },
    {
      path: `/instructor/courses/${COURSE}/gradebook/csv`,
      anonymous: 401,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 403,
      instructor: 200,
      admin: 200,
    },
    {
      path: `/instructor/courses/${OTHER_COURSE}/gradebook/csv`,
      anonymous: 401,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 200,
      instructor: 403,
      admin: 200,
    },
    {
      path: `/instructor/courses/${COURSE}/submissions/${submissionId}`,
      anonymous: 307,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 403,
      instructor: 200,
      admin: 200,
    },
    // The other learner's submission, asked for through a course it does not belong to: those who
    // teach that course are told it is not found there.
    {
      path: `/instructor/courses/${OTHER_COURSE}/submissions/${submissionId}`,
      anonymous: 307,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 404,
      instructor: 403,
      admin: 404,
    },
    {
      path: `/submissions/${submissionId}`,
      anonymous: 307,
      learner: 404,
      otherLearner: 200,
      otherInstructor: 404,
      instructor: 200,
      admin: 200,
    },
    {
      path: "/instructor/authoring",
      anonymous: 307,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 200,
      instructor: 200,
      admin: 200,
    },
    {
      path: `/instructor/authoring/${COURSE}`,
      anonymous: 307,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 403,
      instructor: 200,
      admin: 200,
    },
    {
      path: "/admin",
      anonymous: 307,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 403,
      instructor: 403,
      admin: 200,
    },
    {
      path: "/admin/queue",
      anonymous: 307,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 403,
      instructor: 403,
      admin: 200,
    },
    {
      path: "/api/v1/assignments",
      anonymous: 401,
      learner: 401,
      otherLearner: 401,
      otherInstructor: 401,
      instructor: 401,
      admin: 401,
    },
    {
      path: "/api/submissions/doesnotexist00000/events",
      anonymous: 401,
      learner: 404,
      otherLearner: 404,
      otherInstructor: 404,
      instructor: 404,
      admin: 404,
    },
    {
      path: `/instructor/authoring/${COURSE}/export`,
      anonymous: 401,
      learner: 403,
      otherLearner: 403,
      otherInstructor: 403,
      instructor: 200,
      admin: 200,
    },
    {
      path: `/courses/${COURSE}/lessons/what-are-large-models/figures/timeline.svg`,
      anonymous: 200,
      learner: 200,
      otherLearner: 200,
      otherInstructor: 200,
      instructor: 200,
      admin: 200,
    },
    {
      path: `/courses/${COURSE}/lessons/what-are-large-models/figures/..%2F..%2F..%2Fcourse.yaml`,
      anonymous: 404,
      learner: 404,
      otherLearner: 404,
      otherInstructor: 404,
      instructor: 404,
      admin: 404,
    },
    {
      path: `/api/reader/lessons/${COURSE}/what-are-large-models`,
      anonymous: 401,
      learner: 200,
      otherLearner: 200,
      otherInstructor: 200,
      instructor: 200,
      admin: 200,
    },
    {
      path: "/status/revocation",
      anonymous: 200,
      learner: 200,
      otherLearner: 200,
      otherInstructor: 200,
      instructor: 200,
      admin: 200,
    },
    {
      path: "/api/health",
      anonymous: 200,
      learner: 200,
      otherLearner: 200,
      otherInstructor: 200,
      instructor: 200,
      admin: 200,
    },
    {
      path: "/.well-known/jwks.json",
      anonymous: 200,
      learner: 200,
      otherLearner: 200,
      otherInstructor: 200,
      instructor: 200,
      admin: 200,
    },
    {
      path: "/api/openapi.json",
      anonymous: 200,
      learner: 200,
      otherLearner: 200,
      otherInstructor: 200,
      instructor: 200,
      admin: 200,
    },
  ];
}

async function statusOf(request: APIRequestContext, path: string): Promise<number> {
  const response = await request.get(path, { maxRedirects: 0 });
  // A page's address without a language is first sent on to the same address with one (proxy.ts);
  // what the role may see is what answers there.
  const location = response.headers().location;
  if (response.status() === 307 && location) {
    const target = new URL(location, "http://gradient.invalid");
    if (/^\/(en|zh-CN)\//.test(target.pathname) && target.pathname.replace(/^\/[^/]+/, "") === path)
      return (await request.get(`${target.pathname}${target.search}`, { maxRedirects: 0 })).status();
  }
  return response.status();
}

let otherSubmissionId = "";
test.beforeAll(() => {
  otherSubmissionId = runLib<string>(
    `return (await db.submission.findFirstOrThrow({
          where: { user: { email: ${JSON.stringify(OTHER_ACCOUNTS[0].email)} } },
      orderBy: { createdAt: "asc" }, select: { id: true } })).id;`,
  );
});

for (const role of ROLES) {
  test.describe(`as ${role === "anonymous" ? "a visitor who is not signed in" : `the ${role} account`}`, () => {
    if (role !== "anonymous") test.use({ storageState: storageStateFor(STATE_OF[role]) });

    test("gets exactly the access the role allows", async ({ page }) => {
      // page.request carries the browser context's session cookies.
      const rows = matrix(otherSubmissionId);
      const seen = [];
      for (const row of rows) seen.push({ path: row.path, status: await statusOf(page.request, row.path) });
      expect(seen).toEqual(rows.map((row) => ({ path: row.path, status: row[role] })));
    });

    if (role === "otherInstructor" || role === "admin") {
      test("is shown nothing of someone else's submission through a course it does not belong to", async ({ page }) => {
        await page.goto(`/instructor/courses/${OTHER_COURSE}/submissions/${otherSubmissionId}`);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const text = await page.locator("main").innerText();
        expect(text).not.toContain(OTHER_ACCOUNTS[0].name);
        expect(text).not.toContain("export async function train");
      });
    }
  });
}
