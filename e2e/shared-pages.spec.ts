// Lesson pages shared between readers and strangers by the web server
// (web-server/shared-page-server.ts): each reader still sees their own name, progress and quiz
// attempts, never another's, and a stranger none; an edit shows on the next view; an unpublished
// course is never shared. The verify page's copies are in
// certificates.spec.ts.
import crypto from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { demoAccount, OTHER_ACCOUNTS, storageStateFor, type AccountKey } from "./fixtures/accounts";
import { runLib } from "./fixtures/run-lib";

const both = (text: string) => JSON.stringify({ en: text, "zh-CN": text });

/** A published course of its own with one lesson, the demo learner and the other learner enrolled. */
function courseWithLesson(isPublished: boolean): { courseSlug: string; lessonSlug: string } {
  const courseSlug = `shared-${crypto.randomBytes(4).toString("hex")}`;
  runLib(`
    const course = await db.course.create({ data: { slug: ${JSON.stringify(courseSlug)},
      title: ${both("Shared Pages Course")}, summary: ${both("")}, passRule: {}, isPublished: ${isPublished} } });
    await db.lesson.create({ data: { courseId: course.id, slug: "the-lesson", position: 0,
      title: ${both("The Lesson")}, body: ${both("# The lesson\n\nThe first version of the text.")} } });
    for (const email of ${JSON.stringify([demoAccount("LEARNER").email, OTHER_ACCOUNTS[0].email])}) {
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      await db.enrolment.create({ data: { userId: user.id, courseId: course.id } });
    }`);
  return { courseSlug, lessonSlug: "the-lesson" };
}

/**
 * Asks until the web server answers from its shared copy (each web process keeps its own, made after its first miss).
 */
async function sharedCopy(request: APIRequestContext, path: string): Promise<APIResponse> {
  let response: APIResponse | undefined;
  await expect
    .poll(
      async () => {
        response = await request.get(path, { maxRedirects: 0 });
        return response.headers()["x-gradient-cache"];
      },
      { timeout: 20_000, intervals: [100, 250, 500] },
    )
    .toBe("hit");
  return response!;
}

async function contextFor(browser: Browser, key: AccountKey) {
  return browser.newContext({ storageState: storageStateFor(key) });
}

const accountIn = (html: string) =>
  JSON.parse(/<script id="gradient-account" type="application\/json">(.*?)<\/script>/.exec(html)?.[1] ?? "null") as {
    name: string;
    role: string;
  } | null;

test("two readers get one shared rendering of a lesson, each with their own account, progress and attempts", async ({
  browser,
}) => {
  const { courseSlug, lessonSlug } = courseWithLesson(true);
  const path = `/en/courses/${courseSlug}/lessons/${lessonSlug}`;
  const learner = await contextFor(browser, "LEARNER");
  const other = await contextFor(browser, "OTHER_LEARNER");

  const mine = await (await sharedCopy(learner.request, path)).text();
  const theirs = await (await sharedCopy(other.request, path)).text();
  expect(accountIn(mine)).toEqual({ name: demoAccount("LEARNER").name, role: "LEARNER" });
  expect(accountIn(theirs)).toEqual({ name: OTHER_ACCOUNTS[0].name, role: "LEARNER" });
  expect(theirs).not.toContain(demoAccount("LEARNER").name);
  expect(mine).toContain("The first version of the text.");

  // The reader's own part loads beside the page: progress marked for one reader shows for that reader only.
  runLib(`
    const lesson = await db.lesson.findFirstOrThrow({
      where: { slug: ${JSON.stringify(lessonSlug)}, course: { slug: ${JSON.stringify(courseSlug)} } },
    });
    const user = await db.user.findUniqueOrThrow({ where: { email: ${JSON.stringify(demoAccount("LEARNER").email)} } });
    await db.lessonProgress.create({ data: { userId: user.id, lessonId: lesson.id } });`);
  const refusals: string[] = [];
  const page = await learner.newPage();
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
  });
  // Each web process keeps its own copy: reload until this page is one.
  await expect
    .poll(async () => (await page.goto(path))?.headers()["x-gradient-cache"], { timeout: 20_000 })
    .toBe("hit");
  await expect(page.getByTestId("signed-in-as")).toHaveText(demoAccount("LEARNER").name);
  await expect(page.getByText("Completed", { exact: true })).toBeVisible();
  // Enrolled, and the lesson has no quiz: nothing to enrol for.
  await expect(page.getByText("This lesson has no quiz.")).toBeVisible();
  expect(refusals).toEqual([]);

  const otherPage = await other.newPage();
  await otherPage.goto(path);
  await expect(otherPage.getByTestId("signed-in-as")).toHaveText(OTHER_ACCOUNTS[0].name);
  await expect(otherPage.getByRole("heading", { name: "The Lesson", exact: true })).toBeVisible();
  await expect(otherPage.getByText("This lesson has no quiz.")).toBeVisible();
  await expect(otherPage.getByText("Completed", { exact: true })).toHaveCount(0);

  // An edit made straight in the table shows on the very next view.
  runLib(`await db.lesson.updateMany({ where: { slug: ${JSON.stringify(lessonSlug)},
    course: { slug: ${JSON.stringify(courseSlug)} } },
    data: { body: ${both("The second version of the text.")} } });`);
  const next = await learner.request.get(path);
  expect(next.headers()["x-gradient-cache"]).toBe("miss");
  expect(await next.text()).toContain("The second version of the text.");
  expect(await (await sharedCopy(other.request, path)).text()).toContain("The second version of the text.");

  await learner.close();
  await other.close();
});

test("the reader's part says it is loading, says why when it cannot be loaded, and every part of it loads on 'Try again'", async ({
  browser,
}) => {
  const { courseSlug, lessonSlug } = courseWithLesson(true);
  const path = `/en/courses/${courseSlug}/lessons/${lessonSlug}`;
  runLib(`
    const lesson = await db.lesson.findFirstOrThrow({
      where: { slug: ${JSON.stringify(lessonSlug)}, course: { slug: ${JSON.stringify(courseSlug)} } },
    });
    const user = await db.user.findUniqueOrThrow({ where: { email: ${JSON.stringify(demoAccount("LEARNER").email)} } });
    await db.lessonProgress.create({ data: { userId: user.id, lessonId: lesson.id } });`);
  const learner = await contextFor(browser, "LEARNER");
  const page = await learner.newPage();
  // The first request for the reader's part is held, then dropped as a lost connection would be;
  // the ones after it reach the server.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  await page.route(
    (url) => url.pathname === `/api/reader/lessons/${courseSlug}/${lessonSlug}`,
    async (route) => {
      asked += 1;
      if (asked > 1) return route.continue();
      await held;
      return route.abort("connectionreset");
    },
  );
  await page.goto(path);
  await expect(page.getByText("Loading your progress and quiz attempts…")).toBeVisible();
  release();
  const failure = page.getByRole("alert").filter({ hasText: "could not be loaded" });
  await expect(failure).toHaveText(
    /^Your progress and quiz attempts could not be loaded\. The server could not be reached\.\s*Try again$/,
  );
  await expect(page.getByRole("heading", { name: "The Lesson", exact: true })).toBeVisible();
  await failure.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByText("This lesson has no quiz.")).toBeVisible();
  await expect(page.getByText("Completed", { exact: true })).toBeVisible();
  await expect(failure).toHaveCount(0);
  expect(asked).toBe(2);
  await learner.close();
});

test("an unpublished course's lesson is never shared: its teacher's rendering stays theirs", async ({ browser }) => {
  const { courseSlug, lessonSlug } = courseWithLesson(false);
  const path = `/en/courses/${courseSlug}/lessons/${lessonSlug}`;
  const admin = await contextFor(browser, "ADMIN");
  for (let i = 0; i < 6; i++) {
    const view = await admin.request.get(path);
    expect(view.status()).toBe(200);
    expect(view.headers()["x-gradient-cache"]).toBe("miss");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Enrolled, but the course is not published: the lesson is not found.
  const learner = await contextFor(browser, "LEARNER");
  const refused = await learner.newPage();
  expect((await refused.goto(path))?.status()).toBe(404);
  await expect(refused.getByRole("heading", { name: "404 · Page not found" })).toBeVisible();
  expect(await refused.content()).not.toContain("The first version of the text.");
  await admin.close();
  await learner.close();
});

test("a stranger reads a published lesson from the shared copy, without an account, and is asked to sign in for the quiz", async ({
  browser,
}) => {
  const { courseSlug, lessonSlug } = courseWithLesson(true);
  const path = `/en/courses/${courseSlug}/lessons/${lessonSlug}`;
  const learner = await contextFor(browser, "LEARNER");
  // A reader's miss makes the kept rendering; a stranger is served a copy of that same one.
  await sharedCopy(learner.request, path);
  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const copy = await sharedCopy(stranger.request, path);
  const html = await copy.text();
  expect(html).toContain("The first version of the text.");
  expect(accountIn(html)).toBeNull();
  expect(html).not.toContain(demoAccount("LEARNER").name);
  expect(html).toMatch(new RegExp(`<link rel="canonical" href="[^"]*${path}"`));

  // A forged or expired session is no session: Next, not the cache, decides what its bearer sees.
  const forged = await stranger.request.get(path, { headers: { cookie: "next-auth.session-token=forged" } });
  expect(forged.headers()["x-gradient-cache"]).not.toBe("hit");
  expect(accountIn(await forged.text())).toBeNull();

  const page = await stranger.newPage();
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "The Lesson", exact: true })).toBeVisible();
  await expect(page.getByText("The quiz and your progress need an account.")).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  // Signing in comes back to this lesson.
  await page.getByRole("main").getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Email").fill(demoAccount("LEARNER").email);
  await page.getByLabel("Password").fill(demoAccount("LEARNER").password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByText("This lesson has no quiz.")).toBeVisible();
  await learner.close();
  await stranger.close();
});

test("an unpublished course's lesson is not found for a stranger, and never kept", async ({ browser }) => {
  const { courseSlug, lessonSlug } = courseWithLesson(false);
  const path = `/courses/${courseSlug}/lessons/${lessonSlug}`;
  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  for (let i = 0; i < 3; i++) {
    const view = await stranger.request.get(path);
    expect(view.headers()["x-gradient-cache"]).toBe("miss");
    expect(await view.text()).not.toContain("The first version of the text.");
  }
  await stranger.close();
});
