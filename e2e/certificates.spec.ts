// A stranger verifies a certificate; a learner hides and shows theirs; an instructor revokes one.
// Certificates are issued here through lib/ by the course's pass rule, for fresh learners whose
// results the test stores, so each test owns what it changes and no test waits minutes of grading.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIResponse, type Browser, type Page } from "@playwright/test";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { storageStateFor } from "./fixtures/accounts";
import { fillLabEditor } from "./fixtures/lab-editor";
import { learnerWithCertificate } from "./fixtures/certified-learner";
import { runLib as runAnyLib } from "./fixtures/run-lib";

/** The lib/ exports the snippets below use, besides `db`. */
const CERTIFICATE_LIB = {
  env: "lib/env.ts",
  dataDir: "lib/env.ts",
  hashPassword: "lib/users/password.ts",
  issueCertificateIfEligible: "lib/certificates/issue-certificate.ts",
  ensureSigningKeyFile: "scripts/lib/signing-key.ts",
};
const runLib = <T = unknown>(snippet: string) => runAnyLib<T>(snippet, CERTIFICATE_LIB);
/** Asks for the VC-JOSE-COSE form; the embedded-proof JSON is the default. */
const JWT = { Accept: "application/vc+jwt" };

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

async function verdictOf(page: Page) {
  return page.getByTestId("verdict").getAttribute("data-status");
}

test.beforeAll(() => {
  // With no key configured, the web app signs with the one in the data folder, as under `npm start`.
  runLib("if (!env.SIGNING_KEY && !env.SIGNING_KEY_FILE) ensureSigningKeyFile(dataDir);");
});

test.describe("a stranger", () => {
  test("opens a verify page and sees at a glance that the certificate is valid, with its details and downloads", async ({
    page,
    request,
  }) => {
    const publicId = learnerWithCertificate("Vera Verified").publicId;
    await page.goto(`/verify/${publicId}`);
    await expect(page.getByRole("heading", { name: "Valid certificate" })).toBeVisible();
    expect(await verdictOf(page)).toBe("valid");
    await expect(page.getByTestId("holder")).toHaveText("Vera Verified");
    await expect(page.getByTestId("course")).toContainText("Machine Learning Foundations");
    await expect(page.getByRole("heading", { name: "Evidence" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Add to LinkedIn" })).toHaveAttribute(
      "href",
      /linkedin\.com\/profile\/add/,
    );

    // The embedded-proof JSON by default, the VC-JOSE-COSE JWT when asked for.
    const embedded = await request.get(`/credentials/${publicId}`);
    expect(embedded.headers()["content-type"]).toContain("application/ld+json");
    expect(((await embedded.json()) as { proof: { cryptosuite: string }[] }).proof[0]?.cryptosuite).toBe(
      "eddsa-rdfc-2022",
    );
    const credential = await request.get(`/credentials/${publicId}`, { headers: JWT });
    expect(credential.headers()["content-type"]).toContain("application/vc+jwt");
    expect(await credential.text()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // The page's download links cannot set Accept; they name the form.
    await page.getByRole("link", { name: "VC-JOSE-COSE token (.jwt)" }).waitFor();
    const jwtLink = await request.get(`/credentials/${publicId}?download=1&format=jwt`);
    expect(jwtLink.headers()["content-type"]).toContain("application/vc+jwt");
    expect(jwtLink.headers()["content-disposition"]).toContain(".jwt");
    const pdf = await request.get(`/credentials/${publicId}/pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const json = (await (await request.get(`/credentials/${publicId}/json`)).json()) as { type: string; id: string };
    expect(json.type).toBe("EnvelopedVerifiableCredential");
    const jwks = (await (await request.get("/.well-known/jwks.json")).json()) as JSONWebKeySet;
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519" });
    // Verified with jose alone against the served keys, independently of the project's own verifier.
    const { payload, protectedHeader } = await jwtVerify(
      await (await request.get(`/credentials/${publicId}`, { headers: JWT })).text(),
      createLocalJWKSet(jwks),
      { algorithms: ["EdDSA"] },
    );
    expect(protectedHeader.typ).toBe("vc+jwt");
    expect(JSON.stringify(payload)).toContain("Vera Verified");
    const list = await request.get("/status/revocation", { headers: JWT });
    expect(list.headers()["content-type"]).toContain("application/vc+jwt");
    const signedList = (await (await request.get("/status/revocation")).json()) as { proof: { cryptosuite: string }[] };
    expect(signedList.proof[0]?.cryptosuite).toBe("eddsa-rdfc-2022");
  });

  test("is served the web server's shared copy, with a nonce of its own each time, and sees a revocation at once", async ({
    page,
    request,
  }) => {
    const publicId = learnerWithCertificate("Cora Cached").publicId;
    const nonceOf = (headers: Record<string, string>) =>
      /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1] ?? "";
    const rendered = await request.get(`/en/verify/${publicId}`);
    expect(rendered.headers()["x-gradient-cache"]).toBe("miss");
    // Each web process keeps a copy of its own, made in the background after its first miss.
    const copies: APIResponse[] = [];
    await expect
      .poll(
        async () => {
          const view = await request.get(`/en/verify/${publicId}`);
          if (view.headers()["x-gradient-cache"] === "hit") copies.push(view);
          return copies.length;
        },
        { timeout: 20_000, intervals: [100, 250, 500] },
      )
      .toBeGreaterThanOrEqual(2);
    const [first, second] = [copies[0]!, copies[1]!];
    const [firstNonce, secondNonce] = [nonceOf(first.headers()), nonceOf(second.headers())];
    expect(firstNonce).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(secondNonce).not.toBe(firstNonce);
    const [firstPage, secondPage] = [await first.text(), await second.text()];
    expect(secondPage).toContain(`nonce="${secondNonce}"`);
    expect(secondPage).not.toContain(firstNonce);
    expect(secondPage.replaceAll(secondNonce, "N")).toBe(firstPage.replaceAll(firstNonce, "N"));
    expect(firstPage).toContain("Cora Cached");
    expect(firstPage).not.toContain('id="gradient-account"');

    // A copy runs in the browser under its policy: no script is refused and the page hydrates.
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
    });
    // Which process answers is the kernel's choice, and one may still be making its copy.
    await expect
      .poll(async () => (await page.goto(`/en/verify/${publicId}`))?.headers()["x-gradient-cache"], { timeout: 20_000 })
      .toBe("hit");
    await expect(page.getByRole("heading", { name: "Valid certificate" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect
      .poll(() =>
        page
          .locator("form.language-switch")
          .evaluate((form) => Object.keys(form).some((key) => key.startsWith("__reactFiber"))),
      )
      .toBe(true);
    expect(refusals).toEqual([]);

    // Written straight to the table, bypassing the app: the very next view says so, on any process.
    runLib(`await db.certificate.update({ where: { publicId: ${JSON.stringify(publicId)} },
        data: { revokedAt: new Date(), revocationReason: "Shared copy test" } });`);
    for (let i = 0; i < 3; i++) {
      const view = await request.get(`/en/verify/${publicId}`);
      if (i === 0) expect(view.headers()["x-gradient-cache"]).toBe("miss");
      expect(await view.text()).toContain("Revoked");
    }
    // Signed-in viewers and client-side navigations are always rendered by Next.
    for (const headers of [{ rsc: "1" }, { cookie: "next-auth.session-token=any" }] as Record<string, string>[]) {
      expect(
        (await request.get(`/en/verify/${publicId}`, { headers })).headers()["x-gradient-cache"],
        JSON.stringify(headers),
      ).toBeUndefined();
    }
  });

  test("pastes or uploads a credential and is told whether it is genuine", async ({ page, request }) => {
    const publicId = learnerWithCertificate("Paula Pasted").publicId;
    const jwt = await (await request.get(`/credentials/${publicId}`, { headers: JWT })).text();
    await page.goto("/verify");
    await page.getByLabel("Paste a credential").fill(jwt);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByRole("heading", { name: "Valid certificate" })).toBeVisible();
    await expect(page.getByTestId("holder")).toHaveText("Paula Pasted");

    const [header, payload, signature] = jwt.split(".");
    const forged = Buffer.from(
      Buffer.from(payload ?? "", "base64url")
        .toString()
        .replace("Paula Pasted", "Mallory Forger"),
    ).toString("base64url");
    await page.getByLabel("Paste a credential").fill("");
    await page.getByLabel(/upload its file/).setInputFiles({
      name: "forged.jwt",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(`${header}.${forged}.${signature}`),
    });
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByRole("heading", { name: "Not genuine" })).toBeVisible();
    await expect(page.getByText("Mallory Forger")).toHaveCount(0);

    // The default download, the JSON with its embedded proof, verifies too.
    await page.getByLabel(/upload its file/).setInputFiles([]);
    await page.getByLabel("Paste a credential").fill(await (await request.get(`/credentials/${publicId}`)).text());
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByRole("heading", { name: "Valid certificate" })).toBeVisible();
    await expect(page.getByTestId("holder")).toHaveText("Paula Pasted");
  });

  test("gets a clear answer for an id that was never issued", async ({ page }) => {
    const response = await page.goto(`/verify/${crypto.randomBytes(18).toString("base64url")}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not genuine" })).toBeVisible();
  });
});

test.describe("an instructor of the course", () => {
  test.use({ storageState: storageStateFor("INSTRUCTOR") });

  test("revokes a certificate with a reason; the page and the command-line verifier both say revoked", async ({
    page,
    baseURL,
  }) => {
    const publicId = learnerWithCertificate("Rex Revoked").publicId;
    const cli = (url: string) =>
      spawnSync(
        path.resolve("node_modules", ".bin", "tsx"),
        [path.resolve("scripts", "verify.ts"), url, "--issuer", baseURL ?? ""],
        { encoding: "utf8" },
      );
    const before = cli(`${baseURL}/verify/${publicId}`);
    expect(before.stdout).toContain("verdict: VALID");
    expect(before.status).toBe(0);

    await page.goto(`/verify/${publicId}`);
    await page.getByLabel("Action").selectOption("revoke");
    await page.getByLabel("Reason").fill("Lab code copied from another learner");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("heading", { name: "Revoked" })).toBeVisible();
    await expect(page.getByText("Lab code copied from another learner")).toBeVisible();

    const after = cli(`${baseURL}/credentials/${publicId}`);
    expect(after.stdout).toContain("verdict: REVOKED");
    expect(after.status).toBe(1);
    const audit = runLib<{ reason: string } | null>(
      `return (await db.auditLog.findFirst({ where: { action: "certificate.revoke",
        details: { path: ["publicId"], equals: ${JSON.stringify(publicId)} } } }))?.details;`,
    );
    expect(audit).toMatchObject({ reason: "Lab code copied from another learner" });
  });
});

test.describe("a learner with a certificate", () => {
  test("sees it on the dashboard and makes it private, then public again", async ({ browser }) => {
    const password = "holder-password-1";
    const holder = learnerWithCertificate("Hana Holder", { password });
    const context = await signedInContext(browser, holder.email, password);
    const page = await context.newPage();
    await page.goto("/dashboard");
    const card = page.getByTestId("certificate").filter({ has: page.locator(`a[href$="/verify/${holder.publicId}"]`) });
    await expect(card).toBeVisible();
    await expect(card.getByTestId("visibility")).toContainText("Public");
    await card.getByRole("button", { name: "Make private" }).click();
    await expect(card.getByTestId("visibility")).toContainText("Private");

    const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`/verify/${holder.publicId}`);
    await expect(strangerPage.getByRole("heading", { name: "Valid certificate" })).toBeVisible();
    await expect(strangerPage.getByTestId("private-note")).toBeVisible();
    await expect(strangerPage.getByTestId("holder")).toHaveCount(0);
    await expect(strangerPage.getByText("Hana Holder")).toHaveCount(0);
    expect((await strangerPage.request.get(`/credentials/${holder.publicId}`)).status()).toBe(404);
    await stranger.close();

    await card.getByRole("button", { name: "Make public" }).click();
    await expect(card.getByTestId("visibility")).toContainText("Public");
    await context.close();
  });
});

test.describe("a learner who completes the course", () => {
  test("passes the last lab in the browser, is told, and the certificate verifies for a stranger until an instructor revokes it", async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const email = `graduate-${crypto.randomBytes(6).toString("hex")}@example.com`;
    const password = "graduate-password-1";
    // Everything but the last lab is already done, from stored results as the pass rule reads them.
    runLib(`
      const { hashPassword } = await import(${JSON.stringify(path.resolve("lib/users/password.ts"))});
      const course = await db.course.findUniqueOrThrow({ where: { slug: "ml-foundations" }, select: { id: true } });
      const user = await db.user.create({ data: { email: ${JSON.stringify(email)}, name: "Grace Graduate",
        passwordHash: await hashPassword(${JSON.stringify(password)}),
        enrolments: { create: { courseId: course.id } } } });
      const labs = await db.assignment.findMany({ where: { courseId: course.id, slug: { in: ["mnist-dense",
        "fashion-cnn", "spam-lstm", "attention-capstone"] } },
        select: { id: true, versions: { orderBy: { version: "desc" }, take: 1, select: { id: true,
          specSha256: true } } } });
      for (const lab of labs) {
        const version = lab.versions[0]!;
        await db.submission.create({ data: { userId: user.id, assignmentId: lab.id, assignmentVersionId: version.id,
          attemptNumber: 1, status: "PASSED", score: 0.95, threshold: 0.9,
          code: "// graded earlier", codeSha256: "a".repeat(64), specSha256: version.specSha256,
            heldOutSha256: "b".repeat(64),
            graderVersion: "test", backend: "wasm/wasm", seed: 1, finishedAt: new Date() } });
      }
      for (const quiz of await db.quiz.findMany({ where: { courseId: course.id }, select: { id: true } })) {
        await db.quizAttempt.create({ data: { quizId: quiz.id, userId: user.id,
          questionIds: [], score: 9, maxScore: 10, submittedAt: new Date() } });
      }`);

    const graduate = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
    await graduate.goto("/sign-in");
    await graduate.getByLabel("Email").fill(email);
    await graduate.getByLabel("Password").fill(password);
    await graduate.getByRole("button", { name: "Sign in" }).click();
    await expect(graduate).toHaveURL(/\/dashboard$/);
    await graduate.goto("/courses/ml-foundations/labs/linear-regression");
    await fillLabEditor(
      graduate,
      fs.readFileSync(
        path.resolve("content/courses/ml-foundations/assignments/linear-regression/reference.js"),
        "utf8",
      ),
    );
    await graduate.getByRole("button", { name: "Submit for grading" }).click();
    await expect(graduate.getByTestId("submission-status")).toHaveText("Passed", { timeout: 240_000 });
    // The certificate issuer signs just after the grading worker stores the grade; the stored message then says so.
    await expect(async () => {
      await graduate.reload();
      await expect(graduate.getByTestId("submission-message")).toContainText("your certificate is at", {
        timeout: 1000,
      });
    }).toPass({ timeout: 30_000 });

    await graduate.goto("/dashboard");
    const verifyLink = graduate.getByTestId("certificate").getByRole("link", { name: "Open the verify page" });
    const verifyPath = (await verifyLink.getAttribute("href")) ?? "";
    expect(verifyPath).toMatch(/^\/(en|zh-CN)\/verify\/[\w-]{22,}$/);
    const publicId = verifyPath.split("/").at(-1) ?? "";

    const stranger = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
    await stranger.goto(verifyPath);
    await expect(stranger.getByRole("heading", { name: "Valid certificate" })).toBeVisible();
    await expect(stranger.getByTestId("holder")).toHaveText("Grace Graduate");
    const pdf = await stranger.request.get(`/credentials/${publicId}/pdf`);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(
      ((await (await stranger.request.get(`/credentials/${publicId}/verification`)).json()) as { status: string })
        .status,
    ).toBe("valid");

    const instructor = await (await browser.newContext({ storageState: storageStateFor("INSTRUCTOR") })).newPage();
    await instructor.goto(verifyPath);
    await instructor.getByLabel("Action").selectOption("revoke");
    await instructor.getByLabel("Reason").fill("Results obtained by someone else");
    await instructor.getByRole("button", { name: "Apply" }).click();
    await expect(instructor.getByRole("heading", { name: "Revoked" })).toBeVisible();
    await stranger.reload();
    await expect(stranger.getByRole("heading", { name: "Revoked" })).toBeVisible();
    const verdict = (await (await stranger.request.get(`/credentials/${publicId}/verification`)).json()) as {
      status: string;
    };
    expect(verdict.status).toBe("revoked");
  });
});
