// The similarity journey: two learners submit near-identical code (one renamed the variables and
// moved a function), the instructor runs a similarity analysis, finds that pair first with its
// matching fragments marked on both sides, flags it and suspends the learners' certificates, and a
// stranger then reads "suspended" on one certificate's verify page.
// The course is one of this spec's own making (a copy of the demo course's first lab), so the pair
// is first whatever other specs submit to the demo course; its certificates are issued through lib/
// with no evidence, as the server-action matrix does, rather than earned by minutes of grading.
import crypto from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import { storageStateFor } from "./fixtures/accounts";
import { fillLabEditor, submitForGrading } from "./fixtures/lab-editor";
import { runLib } from "./fixtures/run-lib";

const ORIGINAL = `// Linear regression with a learning-rate warm-up and a summary of the fit.
function buildModel(tf, inputShape) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape }));
  model.compile({ optimizer: tf.train.adam(0.1), loss: "meanSquaredError" });
  return model;
}

function describeFit(history) {
  const losses = history.history.loss;
  const last = losses[losses.length - 1];
  const best = Math.min(...losses);
  return \`epochs: \${losses.length}, last loss: \${last.toFixed(4)}, best loss: \${best.toFixed(4)}\`;
}

export async function train({ tf, data, budget }) {
  const model = buildModel(tf, data.inputShape);
  const history = await model.fit(data.xs, data.ys, {
    epochs: Math.min(40, budget.maxEpochs),
    batchSize: 64,
    shuffle: true,
    verbose: 0,
  });
  console.log(describeFit(history));
  return model;
}
`;

/** The same program: every variable renamed, the helpers moved below, other comments and spacing. */
const COPY = `export async function train({ tf: t, data: d, budget: b }) {
  /* my own work */
  const net = makeNet(t, d.inputShape);
  const run = await net.fit(d.xs, d.ys, {
      epochs: Math.min(30, b.maxEpochs),
      batchSize: 32,
      shuffle: true,
      verbose: 0,
  });
  console.log(summary(run));
  return net;
}

function summary(run) {
  const l = run.history.loss;
  const final = l[l.length - 1];
  const lowest = Math.min(...l);
  return \`epochs: \${l.length}, last loss: \${final.toFixed(4)}, best loss: \${lowest.toFixed(4)}\`;
}

function makeNet(t, shape) {
  const net = t.sequential();
  net.add(t.layers.dense({ units: 1, inputShape: shape }));
  net.compile({ optimizer: t.train.adam(0.05), loss: "meanSquaredError" });
  return net;
}
`;

interface Journey {
  courseSlug: string;
  learners: { name: string; email: string; password: string; publicId: string }[];
}

const PASSWORD = "similarity-e2e-pass";

/** A course of its own with the linear-regression lab, the demo instructor teaching it, and two certified learners. */
function seedJourney(): Journey {
  const tag = crypto.randomBytes(4).toString("hex");
  const learners = ["Ada Lovecode", "Ben Borrowe"].map((name, index) => ({
    name: `${name} ${tag}`,
    email: `similarity-${index}-${tag}@example.com`,
  }));
  return runLib<Journey>(
    `
    if (!env.SIGNING_KEY && !env.SIGNING_KEY_FILE) ensureSigningKeyFile(dataDir);
    const made = await makeCourse("similarity-e2e");
    await db.course.update({ where: { id: made.courseId }, data: { title: { en: "Similarity journey", "zh-CN": "相似度旅程" },
      passRule: { requiredLabs: [], minLessonQuizPercent: 0, minExamPercent: 0, passMarkPercent: 70,
        weights: { labs: 1, quizzes: 0, exam: 0 } } } });
    const instructor = await db.user.findUniqueOrThrow({ where: { email: "instructor@gradient.local" }, select: { id: true } });
    await db.enrolment.create({ data: { userId: instructor.id, courseId: made.courseId, role: "INSTRUCTOR" } });
    const learners = [];
    for (const learner of ${JSON.stringify(learners)}) {
      const user = await db.user.create({ data: { email: learner.email, name: learner.name,
        passwordHash: await hashPassword(${JSON.stringify(PASSWORD)}),
        enrolments: { create: { courseId: made.courseId } } }, select: { id: true } });
      const issued = await issueCertificate({ userId: user.id, courseId: made.courseId, score: 95, passMark: 70, evidence: [] });
      if (!issued.isIssued) throw new Error("no certificate for " + learner.email);
      learners.push({ ...learner, password: ${JSON.stringify(PASSWORD)}, publicId: issued.publicId });
    }
    return { courseSlug: made.courseSlug, learners };`,
    {
      env: "lib/env.ts",
      dataDir: "lib/env.ts",
      ensureSigningKeyFile: "scripts/lib/signing-key.ts",
      hashPassword: "lib/users/password.ts",
      issueCertificate: "lib/certificates/issue-certificate.ts",
      makeCourse: "lib/instructor/test-fixtures.ts",
    },
  );
}

/** A browser context signed in as `email` through next-auth's endpoints, as the global set-up signs in. */
async function signedInContext(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  if (!response.ok()) throw new Error(`Signing in ${email} failed: HTTP ${response.status()}`);
  return context;
}

test("two learners hand in the same code renamed; the instructor finds the pair first, flags it and suspends the certificates", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { courseSlug, learners } = seedJourney();
  const [ada, ben] = learners;
  if (!ada || !ben) throw new Error("the journey needs two learners");

  for (const [learner, code] of [
    [ada, ORIGINAL],
    [ben, COPY],
  ] as const) {
    const context = await signedInContext(browser, learner.email, learner.password);
    const page = await context.newPage();
    await page.goto(`/courses/${courseSlug}/labs/linear-regression`);
    await fillLabEditor(page, code);
    await submitForGrading(page);
    await context.close();
  }

  const instructorContext = await browser.newContext({ storageState: storageStateFor("INSTRUCTOR") });
  const page = await instructorContext.newPage();
  await page.goto(`/instructor/courses/${courseSlug}/labs/linear-regression`);
  await page.getByRole("link", { name: "Code similarity" }).click();
  await expect(page.getByRole("heading", { name: /^Code similarity in/ })).toBeVisible();
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByRole("status")).toHaveText("The analysis is queued; its progress shows below.");
  // The page refreshes itself while the analysis runs; "Open" appears once it is done.
  const open = page
    .getByTestId("similarity-analyses")
    .getByRole("link", { name: /^Open the analysis/ })
    .first();
  await expect(open).toBeVisible({ timeout: 30_000 });
  await open.click();

  const first = page.getByTestId("similarity-pair").first();
  await expect(first).toContainText(ada.name);
  await expect(first).toContainText(ben.name);
  await expect(first).toContainText("at or above the threshold");
  await first.getByRole("link", { name: /^Open: compare / }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText(ada.name);
  await expect(page.getByTestId("fragment-list").getByRole("listitem").first()).toBeVisible();
  for (const side of ["code-left", "code-right"]) {
    await expect(page.getByTestId(side).locator("mark").first()).toBeVisible();
    await expect(page.getByTestId(side).getByRole("link", { name: "Fragment 1" })).toBeVisible();
  }
  // Fragment 1's label on the left leads to fragment 1 on the right.
  await expect(page.getByTestId("code-left").getByRole("link", { name: "Fragment 1" })).toHaveAttribute(
    "href",
    "#right-fragment-1",
  );

  // A flag needs a note; then it suspends both learners' certificates.
  await page.getByRole("button", { name: "Flag" }).click();
  await expect(page.locator("#note-error")).toHaveText("Say why you flag this pair (at least 3 characters).");
  await page.getByLabel("Note").fill("Same program with renamed variables.");
  await page.getByLabel("Suspend the certificates of the learners involved").check();
  await page.getByRole("button", { name: "Flag" }).click();
  await expect(page.getByRole("status")).toHaveText("Flagged; 2 certificates suspended.");
  await expect(page.getByTestId("review-state")).toContainText("Flagged by");
  await instructorContext.close();

  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const verify = await stranger.newPage();
  await verify.goto(`/verify/${ben.publicId}`);
  await expect(verify.getByTestId("verdict")).toHaveAttribute("data-status", "suspended");
  await expect(verify.getByRole("heading", { name: "Suspended" })).toBeVisible();
  await stranger.close();
});
