// Gradient as an LTI 1.3 tool inside a learning platform: the test LMS of tests/lti/ (written from
// 1EdTech's specifications) runs at localhost, Gradient at 127.0.0.1, so every launch below is a
// real third-party iframe in Chromium. The journeys run in order on one platform: registration,
// deep linking, a learner's launch and graded lab with its score sent back, a regrade, the roster,
// and a score post the platform fails at first. Then every launch the security framework forbids,
// each refused with its own page, and the first-party fallback for a browser that drops the frame's cookie.
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { publicUrl } from "../lib/env";
import type { ResourceLink } from "../tests/lti/model";
import type { Tamper } from "../tests/lti/tamper";
import { TestPlatform, type PlatformPerson } from "../tests/lti/test-platform";
import { storageStateFor } from "./fixtures/accounts";
import { expectLaunchRefused, fillLabEditorInFrame, gradientSessionCookies, toolFrame } from "./fixtures/lti-frame";
import { registerByHand, registerDynamically } from "./fixtures/lti-registration";
import { runLib } from "./fixtures/run-lib";

const LAB_TITLE = "Lab 1: Linear regression with one dense neuron";
const LAB_URL = `${new URL(publicUrl).origin}/lti/open/lab/ml-foundations/linear-regression`;
const REFERENCE = fs.readFileSync(
  path.resolve("content/courses/ml-foundations/assignments/linear-regression/reference.js"),
  "utf8",
);
const GRADING_MS = 240_000;
/** A score reaches the platform within seconds of the result; this leaves room for a slow machine. */
const SCORE_ARRIVAL_MS = 60_000;

async function expectNoGraveViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const grave = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ rule: violation.id, help: violation.help, nodes: violation.nodes.map((n) => n.target) }));
  expect(grave, `${what}\n${JSON.stringify(grave, null, 2)}`).toEqual([]);
}

/** The Gradient account a platform person's launches signed in to, if any. */
function ltiAccountsOf(platform: TestPlatform, sub: string): number {
  return runLib<number>(
    `return db.ltiUser.count({ where: { sub: ${JSON.stringify(sub)}, platform: { issuer: ${JSON.stringify(platform.issuer)} } } });`,
  );
}

/** Opens a resource link in the LMS as `person`, in a browser context of its own. */
async function launch(browser: Browser, platform: TestPlatform, link: ResourceLink, person: PlatformPerson) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(platform.resourceLinkPageUrl(link.id, person));
  return { context, page, frame: await toolFrame(page) };
}

test.describe("Gradient in a learning platform, over LTI 1.3", () => {
  test.describe.configure({ mode: "serial" });
  let platform: TestPlatform;
  let link: ResourceLink;
  let lineItemId: string;

  test.beforeAll(async () => {
    platform = await TestPlatform.start();
  });
  test.afterAll(async () => {
    await platform.stop();
  });

  test("an admin registers the platform with dynamic registration", async ({ browser }) => {
    const tool = await registerDynamically(browser, platform);
    expect(tool.scopes).toEqual(
      expect.arrayContaining([
        "https://purl.imsglobal.org/spec/lti-ags/scope/score",
        "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
      ]),
    );
    expect(platform.refusals).toEqual([]);
  });

  test("the platform's instructor picks a lab with deep linking, and the platform gets it with its line item", async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto(platform.deepLinkingPageUrl(platform.instructor));
    const frame = await toolFrame(page);
    await expect(frame.getByRole("heading", { name: "Add Gradient content" })).toBeVisible();
    await expectNoGraveViolations(page, "the deep linking picker");
    await frame.getByRole("checkbox", { name: new RegExp(LAB_TITLE) }).check();
    await frame.getByRole("button", { name: "Add to course" }).click();
    await expect(frame.getByRole("heading", { name: `Added: ${LAB_TITLE}` })).toBeVisible();
    await context.close();

    const [placed] = platform.resourceLinks;
    expect(platform.resourceLinks).toHaveLength(1);
    if (!placed?.lineItemId) throw new Error("the content item came without a line item");
    link = placed;
    lineItemId = placed.lineItemId;
    expect(link.url).toBe(LAB_URL);
    const lineItem = platform.lineItem(lineItemId);
    expect(lineItem?.label).toBe(LAB_TITLE);
    expect(lineItem?.scoreMaximum).toBeGreaterThan(0);
    expect(lineItem?.resourceId).toEqual(expect.any(String));
    expect(platform.refusals).toEqual([]);
  });

  test("a learner launches the lab in the frame, passes it, and the score arrives at the line item", async ({
    browser,
  }) => {
    test.setTimeout(GRADING_MS + SCORE_ARRIVAL_MS + 60_000);
    await submitInFrame(browser, platform, link, platform.learner, REFERENCE);

    await expect
      .poll(() => platform.scoresFor(lineItemId, platform.learner.sub).length, { timeout: SCORE_ARRIVAL_MS })
      .toBeGreaterThan(0);
    const [score] = platform.scoresFor(lineItemId, platform.learner.sub);
    expect(score).toMatchObject({ gradingProgress: "FullyGraded", scoreMaximum: expect.any(Number) });
    expect(score?.scoreGiven).toBe(score?.scoreMaximum);
    expect(platform.refusals).toEqual([]);
  });

  test("the instructor syncs the roster and sees who has not launched yet", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("INSTRUCTOR") });
    const page = await context.newPage();
    await page.goto("/en/instructor/courses/ml-foundations/lti");
    await page.waitForLoadState("networkidle");
    const section = page.getByRole("region", { name: new RegExp(platform.course.title) });
    await section.getByRole("button", { name: "Sync roster" }).click();
    const never = section.getByRole("row").filter({ hasText: `Nora Never-Launched ${platform.tag}` });
    await expect(never).toContainText("Not launched yet");
    const launched = section.getByRole("row").filter({ hasText: `Lena Learner ${platform.tag}` });
    await expect(launched).toContainText("Launched");
    await expect(launched).not.toContainText("Not launched yet");
    // The platform pages its roster two members at a time: the last page's member is there too.
    await expect(section.getByRole("row").filter({ hasText: `Pavel Paged ${platform.tag}` })).toBeVisible();
    await context.close();
    expect(platform.refusals).toEqual([]);
  });

  test("a score post the platform fails shows as failed, and Send again delivers it once the platform is back", async ({
    browser,
  }) => {
    test.setTimeout(GRADING_MS + 3 * SCORE_ARRIVAL_MS + 60_000);
    const before = platform.scoresFor(lineItemId, platform.learner.sub).length;
    platform.failScorePosts(Number.MAX_SAFE_INTEGER);
    // A second graded attempt is a new result (its comment counts two attempts), so it is posted.
    await submitInFrame(browser, platform, link, platform.learner, REFERENCE);

    const context = await browser.newContext({ storageState: storageStateFor("INSTRUCTOR") });
    const page = await context.newPage();
    await page.goto("/en/instructor/courses/ml-foundations/lti");
    const post = page
      .getByRole("table", { name: "Scores sent to the LMS" })
      .getByRole("row")
      .filter({ hasText: `Lena Learner ${platform.tag}` })
      .filter({ hasText: LAB_TITLE });
    await expect(async () => {
      await page.reload();
      await expect(post).toContainText("Failed", { timeout: 1_000 });
    }).toPass({ timeout: SCORE_ARRIVAL_MS });
    await expect(post).toContainText("HTTP 500");
    await page.waitForLoadState("networkidle");
    expect(platform.scoresFor(lineItemId, platform.learner.sub)).toHaveLength(before);

    platform.failScorePosts(0);
    await post.getByRole("button", { name: "Send again" }).click();
    await expect
      .poll(() => platform.scoresFor(lineItemId, platform.learner.sub).length, { timeout: SCORE_ARRIVAL_MS })
      .toBeGreaterThan(before);
    await expect(async () => {
      await page.reload();
      await expect(post).toContainText("Sent", { timeout: 1_000 });
    }).toPass({ timeout: SCORE_ARRIVAL_MS });
    await context.close();
  });

  test("an instructor regrades the learner's submission in Gradient, and the new score arrives", async ({
    browser,
  }) => {
    test.setTimeout(GRADING_MS + SCORE_ARRIVAL_MS + 60_000);
    const before = platform.scoresFor(lineItemId, platform.learner.sub).length;
    await regrade(browser, platform.learner, 2, "LTI journey: regrade after a grader fix");
    await expect
      .poll(() => platform.scoresFor(lineItemId, platform.learner.sub).length, {
        timeout: GRADING_MS + SCORE_ARRIVAL_MS,
      })
      .toBeGreaterThan(before);
    const latest = platform.scoresFor(lineItemId, platform.learner.sub).at(-1);
    expect(latest?.gradingProgress).toBe("FullyGraded");
    expect(platform.refusals).toEqual([]);
  });
});

/** The person launches the lab from the LMS, submits `code` in the frame and sees it pass. */
async function submitInFrame(
  browser: Browser,
  platform: TestPlatform,
  link: ResourceLink,
  person: PlatformPerson,
  code: string,
) {
  const { context, page, frame } = await launch(browser, platform, link, person);
  await expect(frame.getByRole("heading", { name: LAB_TITLE })).toBeVisible();
  await fillLabEditorInFrame(page, frame, code);
  await frame.getByRole("button", { name: "Submit for grading" }).click();
  await frame.waitForURL(/\/submissions\/[a-z0-9]+$/);
  await expect(frame.getByTestId("submission-status")).toHaveText("Passed", { timeout: GRADING_MS });
  await context.close();
}

/**
 * A browser that blocks the frame's cookies: the launch's answer reaches the page without its
 * Set-Cookie. The request is sent from here, not with route.fetch(), which would store the
 * cookies in the context's jar on the way.
 */
async function dropCookiesOfLaunches(context: BrowserContext) {
  await context.route("**/lti/launch", async (route) => {
    const request = route.request();
    const headers = Object.fromEntries(
      Object.entries(await request.allHeaders()).filter(([name]) => !HOP_HEADERS.has(name) && !name.startsWith(":")),
    );
    const response = await fetch(request.url(), {
      method: request.method(),
      headers,
      body: request.postData() ?? undefined,
      redirect: "manual",
    });
    const kept = [...response.headers].filter(([name]) => name !== "set-cookie" && !HOP_HEADERS.has(name));
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(kept),
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
}
/** Headers of one connection or one encoding, which fetch sets by itself. */
const HOP_HEADERS = new Set([
  "host",
  "connection",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "keep-alive",
]);

/** The demo instructor regrades the person's attempt at the lab, from Gradient's instructor pages. */
async function regrade(browser: Browser, person: PlatformPerson, attempt: number, why: string) {
  const context = await browser.newContext({ storageState: storageStateFor("INSTRUCTOR") });
  const instructor = await context.newPage();
  await instructor.goto("/instructor/courses/ml-foundations/labs/linear-regression");
  await instructor
    .getByRole("link", { name: `Open ${person.givenName} ${person.familyName}'s attempt ${attempt}`, exact: true })
    .click();
  await expect(instructor.getByTestId("submission-code")).toContainText("export");
  // The form keeps what is typed only once its script runs: typed earlier, hydration clears it.
  await instructor.waitForLoadState("networkidle");
  await instructor.getByLabel("Why regrade?").fill(why);
  await instructor.getByRole("button", { name: "Regrade this submission" }).click();
  await expect(instructor.getByRole("listitem").filter({ hasText: `Regrade requested: ${why}` })).toBeVisible();
  await context.close();
}

test.describe("launches the security framework forbids", () => {
  test.describe.configure({ mode: "serial" });
  let platform: TestPlatform;
  let link: ResourceLink;

  test.beforeAll(async ({ browser }) => {
    platform = await TestPlatform.start();
    await registerByHand(browser, platform, publicUrl);
    link = platform.addResourceLink(LAB_TITLE, LAB_URL);
  });
  test.afterAll(async () => {
    await platform.stop();
  });

  const CASES: Array<{ tamper: Tamper; reason: string; wording: RegExp }> = [
    { tamper: "replayed-state", reason: "state_invalid", wording: /already used or has expired/ },
    { tamper: "wrong-nonce", reason: "wrong_nonce", wording: /wrong nonce/ },
    { tamper: "unknown-kid", reason: "unknown_key", wording: /key the learning platform does not publish/ },
    { tamper: "expired", reason: "expired", wording: /The launch has expired/ },
    { tamper: "wrong-audience", reason: "wrong_audience", wording: /meant for another tool/ },
    {
      tamper: "unregistered-deployment",
      reason: "unregistered_deployment",
      wording: /deployment .* is not registered/,
    },
    { tamper: "forged-role", reason: "bad_signature", wording: /signature does not match its content/ },
  ];

  for (const { tamper, reason, wording } of CASES) {
    test(`${tamper}: refused with a clear page in the frame, and nobody is signed in`, async ({ browser }) => {
      if (tamper === "replayed-state") {
        // A launch that went through, whose state and id_token the platform will post again.
        const first = await launch(browser, platform, link, platform.addLearner("replay-source"));
        await expect(first.frame.getByRole("heading", { name: LAB_TITLE })).toBeVisible();
        await first.context.close();
      }
      const person = platform.addLearner(tamper);
      platform.tamperNextLaunch(tamper);
      const { context, page, frame } = await launch(browser, platform, link, person);
      await expectLaunchRefused(frame, reason, wording);
      if (tamper === "forged-role") await expectNoGraveViolations(page, "a launch refusal page");
      expect(await gradientSessionCookies(context, publicUrl)).toEqual([]);
      expect(ltiAccountsOf(platform, person.sub)).toBe(0);
      await context.close();
    });
  }

  test("a browser that drops the frame's cookie gets a link that opens the lab in a new tab, signed in", async ({
    browser,
  }) => {
    const person = platform.addLearner("no-third-party-cookies");
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await dropCookiesOfLaunches(context);
    const page = await context.newPage();
    await page.goto(platform.resourceLinkPageUrl(link.id, person));
    const frame = await toolFrame(page);
    const open = frame.getByRole("link", { name: "Open Gradient in a new tab" });
    await expect(open).toBeVisible();
    expect(await gradientSessionCookies(context, publicUrl)).toEqual([]);
    const [tab] = await Promise.all([context.waitForEvent("page"), open.click()]);
    await expect(tab.getByRole("heading", { name: LAB_TITLE })).toBeVisible();
    await expect(tab).toHaveURL(/\/courses\/ml-foundations\/labs\/linear-regression$/);
    await expect(tab.getByRole("button", { name: "Submit for grading" })).toBeVisible();
    expect(ltiAccountsOf(platform, person.sub)).toBe(1);
    await context.close();
  });

  test("the admin's LTI page has no grave accessibility violation", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("ADMIN") });
    const page = await context.newPage();
    await page.goto("/en/admin/lti");
    await expect(page.getByRole("table", { name: "Registered learning platforms" })).toContainText(platform.issuer);
    await expectNoGraveViolations(page, "/en/admin/lti");
    await context.close();
  });
});
