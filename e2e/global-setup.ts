// Adds the near-miss accounts (e2e/fixtures/accounts.ts) through lib/, as the app itself would
// make them, then signs every account in once through next-auth's HTTP endpoints and saves the
// cookies, so tests start signed in instead of going through the sign-in form every time.
import fs from "node:fs";
import { request, type FullConfig } from "@playwright/test";
import {
  demoAccount,
  AUTH_DIR,
  OTHER_ACCOUNTS,
  OTHER_COURSE,
  SIGNED_IN_ACCOUNTS,
  storageStateFor,
} from "./fixtures/accounts";
import { runLib } from "./fixtures/run-lib";

const [OTHER_LEARNER, OTHER_INSTRUCTOR] = OTHER_ACCOUNTS;

/**
 * A second learner of the demo course with a lab submission of their own, and an instructor (made
 * one by the demo admin) of a course they created. Idempotent: a second run finds them in place.
 */
function createOtherAccounts(): void {
  const reference = fs.readFileSync(
    "content/courses/ml-foundations/assignments/linear-regression/reference.js",
    "utf8",
  );
  runLib(
    `
    const admin = await db.user.findUniqueOrThrow({ where: { email: ${JSON.stringify(demoAccount("ADMIN").email)} },
      select: { id: true, role: true } });
    const accountOf = async (account) =>
      (await db.user.findUnique({ where: { email: account.email }, select: { id: true } })) ??
      (await createUser({ input: { name: account.name, email: account.email, password: account.password } }));

    const learner = await accountOf(${JSON.stringify(OTHER_LEARNER)});
    await enrol(learner, { courseSlug: "ml-foundations" });
    if ((await db.submission.count({ where: { userId: learner.id } })) === 0) {
      await createSubmission({ id: learner.id, role: "LEARNER" }, { courseSlug: "ml-foundations",
        assignmentSlug: "linear-regression", code: ${JSON.stringify(reference)}, language: "javascript",
        source: "WEB" });
    }

    const instructor = await accountOf(${JSON.stringify(OTHER_INSTRUCTOR)});
    await changeUserRole({ viewer: admin, input: { userId: instructor.id, role: "INSTRUCTOR" } });
    if (!(await db.course.findUnique({ where: { slug: ${JSON.stringify(OTHER_COURSE)} }, select: { id: true } }))) {
      await createCourse({ viewer: { id: instructor.id, role: "INSTRUCTOR" },
        input: { slug: ${JSON.stringify(OTHER_COURSE)}, title: { en: "Another instructor's course",
        "zh-CN": "另一位讲师的课程" }, summary: { en: "Taught by someone else.", "zh-CN": "由其他人讲授。" } } });
    }`,
    {
      createUser: "lib/users/create-user.ts",
      enrol: "lib/courses/enrol.ts",
      createSubmission: "lib/submissions/create-submission.ts",
      changeUserRole: "lib/admin/change-user-role.ts",
      createCourse: "lib/authoring/create-course.ts",
    },
  );
}

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error("Playwright has no baseURL");
  fs.mkdirSync(AUTH_DIR, { recursive: true });
  createOtherAccounts();
  for (const account of SIGNED_IN_ACCOUNTS) {
    const context = await request.newContext({ baseURL });
    const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await context.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: account.email, password: account.password, json: "true" },
    });
    if (!response.ok()) throw new Error(`Signing in ${account.email} failed: HTTP ${response.status()}`);
    const session = (await (await context.get("/api/auth/session")).json()) as { userId?: string };
    if (!session.userId) throw new Error(`Signing in ${account.email} did not create a session`);
    await context.storageState({ path: storageStateFor(account.key) });
    await context.dispose();
  }
}
