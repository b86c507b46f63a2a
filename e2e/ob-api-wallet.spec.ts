// A wallet, written from the Open Badges 3.0 specification (its API and security sections) rather
// than from Gradient's code: it reads the Service Description Document, registers itself, takes a
// learner through sign-in and consent in Chromium with PKCE and state, exchanges the code, pulls
// the learner's credentials and profile, verifies each credential (compact JWS with jose under the
// specs' header and claim rules, embedded proofs with verifier-core), refreshes, revokes, and checks
// that the API then refuses it.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import { decodeProtectedHeader, type JSONWebKeySet } from "jose";
import { checkObJwt, checkVcJoseCose, type Dereference } from "../lib/certificates/testing/jose-checks";
import { learnerWithCertificate, type CertifiedLearner } from "./fixtures/certified-learner";
import { runLib } from "./fixtures/run-lib";
import { verifierCoreStep, verifyWithVerifierCore } from "../lib/certificates/testing/verifier-core";
import { publicUrl } from "../lib/env";

const CREDENTIAL_READ = "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly";
const PROFILE_READ = "https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly";
const LEARNER_PASSWORD = "wallet-learner-e2e-pass";

interface Endpoints {
  registration: string;
  authorization: string;
  token: string;
  scopes: string[];
}

interface Registration {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  scope: string;
}

interface Tokens {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

/** Where Chromium lands after consent: the wallet's own page on this machine, which records the query. */
class RedirectEndpoint {
  private server = http.createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end("<!doctype html><title>Wallet</title><p>Back in the wallet.</p>");
    this.seen.push(new URL(request.url ?? "/", this.origin));
  });
  readonly seen: URL[] = [];
  origin = "";

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get callback(): string {
    return `${this.origin}/callback`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = crypto.randomBytes(32).toString("base64url");
  return { verifier, challenge: crypto.createHash("sha256").update(verifier).digest("base64url") };
}

function basic(registration: Registration): string {
  const encode = (part: string) => encodeURIComponent(part);
  return `Basic ${Buffer.from(`${encode(registration.client_id)}:${encode(registration.client_secret)}`).toString("base64")}`;
}

async function discover(request: APIRequestContext): Promise<Endpoints> {
  const response = await request.get("/ims/ob/v3p0/discovery", { headers: { accept: "application/json" } });
  expect(response.status()).toBe(200);
  const document = (await response.json()) as {
    openapi: string;
    info: { title: string; termsOfService: string; "x-imssf-privacyPolicyUrl": string };
    components: {
      securitySchemes: Record<
        string,
        {
          type: string;
          "x-imssf-registrationUrl": string;
          flows: { authorizationCode: { authorizationUrl: string; tokenUrl: string; scopes: Record<string, string> } };
        }
      >;
    };
  };
  expect(document.openapi).toMatch(/^3\.0/);
  expect(document.info.title).toBeTruthy();
  expect(document.info.termsOfService).toMatch(/^https?:\/\//);
  expect(document.info["x-imssf-privacyPolicyUrl"]).toMatch(/^https?:\/\//);
  const scheme = Object.values(document.components.securitySchemes).find((candidate) => candidate.type === "oauth2");
  if (!scheme) throw new Error("The Service Description Document names no OAuth 2.0 security scheme");
  return {
    registration: scheme["x-imssf-registrationUrl"],
    authorization: scheme.flows.authorizationCode.authorizationUrl,
    token: scheme.flows.authorizationCode.tokenUrl,
    scopes: Object.keys(scheme.flows.authorizationCode.scopes),
  };
}

async function register(request: APIRequestContext, endpoints: Endpoints, wallet: RedirectEndpoint) {
  const response = await request.post(endpoints.registration, {
    headers: { "content-type": "application/json", accept: "application/json" },
    data: {
      client_name: "Test Wallet",
      client_uri: `${wallet.origin}/`,
      logo_uri: `${wallet.origin}/logo.png`,
      tos_uri: `${wallet.origin}/terms`,
      policy_uri: `${wallet.origin}/privacy`,
      software_id: "e6f0d2a4-wallet-e2e",
      software_version: "1.0.0",
      redirect_uris: [wallet.callback],
      token_endpoint_auth_method: "client_secret_basic",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      scope: `${CREDENTIAL_READ} ${PROFILE_READ} offline_access`,
    },
  });
  expect(response.status()).toBe(201);
  const registration = (await response.json()) as Registration & Record<string, unknown>;
  expect(registration.client_id).toBeTruthy();
  expect(registration.client_secret).toBeTruthy();
  expect(registration.client_name).toBe("Test Wallet");
  expect(registration.redirect_uris).toEqual([wallet.callback]);
  expect(typeof registration.client_id_issued_at).toBe("number");
  expect(registration.client_secret_expires_at).toBe(0);
  return registration;
}

function authorizationUrl(endpoints: Endpoints, registration: Registration, state: string, challenge: string): string {
  const url = new URL(endpoints.authorization);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: registration.client_id,
    redirect_uri: registration.redirect_uris[0] ?? "",
    scope: `${CREDENTIAL_READ} ${PROFILE_READ}`,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  return url.toString();
}

async function tokenRequest(
  request: APIRequestContext,
  endpoints: Endpoints,
  registration: Registration,
  form: Record<string, string>,
) {
  return request.post(endpoints.token, {
    headers: { authorization: basic(registration), "content-type": "application/x-www-form-urlencoded" },
    data: new URLSearchParams(form).toString(),
  });
}

interface PulledCredentials {
  total: string | undefined;
  embedded: Record<string, unknown>[];
  /** The `typ` of each compact JWS: "JWT" for the Open Badges 3.0 VC-JWT, "vc+jwt" for VC-JOSE-COSE. */
  jwsTypes: (string | undefined)[];
  /** `credentialSubject.id` of every credential received, once each verified. */
  subjects: (string | undefined)[];
}

/**
 * Pulls the first page of credentials and verifies every one as a wallet would before keeping it:
 * each compact JWS with jose under the rules of its form (Open Badges 3.0's JWT header and claims, or
 * VC-JOSE-COSE's), its kid dereferenced from the issuer; each embedded-proof credential with
 * verifier-core, whose network reaches only the app.
 */
async function pullAndVerify(request: APIRequestContext, accessToken: string): Promise<PulledCredentials> {
  const response = await request.get("/ims/ob/v3p0/credentials?limit=10&offset=0", {
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
  });
  expect(response.status()).toBe(200);
  expect(response.headers().link).toContain('rel="first"');
  expect(response.headers().link).toContain('rel="last"');
  const body = (await response.json()) as { compactJwsStrings?: string[]; credential?: Record<string, unknown>[] };
  const dereference: Dereference = async (url) => (await request.get(url)).json();
  const jwks = (await (await request.get("/.well-known/jwks.json")).json()) as JSONWebKeySet;
  const subjects: (string | undefined)[] = [];
  const jwsTypes: (string | undefined)[] = [];
  for (const jws of body.compactJwsStrings ?? []) {
    const { typ } = decodeProtectedHeader(jws);
    jwsTypes.push(typ);
    const credential =
      typ === "JWT" ? await checkObJwt(jws, dereference) : await checkVcJoseCose(jws, dereference, jwks);
    subjects.push(credential.credentialSubject.id);
  }
  for (const credential of body.credential ?? []) {
    const outcome = await verifyWithVerifierCore(credential, new URL(publicUrl).origin);
    expect(outcome.result.errors).toBeUndefined();
    expect(verifierCoreStep(outcome, "valid_signature")).toBe(true);
    expect(verifierCoreStep(outcome, "revocation_status")).toBe(true);
    subjects.push((credential.credentialSubject as { id?: string }).id);
  }
  return { total: response.headers()["x-total-count"], embedded: body.credential ?? [], jwsTypes, subjects };
}

/** Stands the learner's certificate in for one issued before a newer form existed. */
function dropForm(publicId: string, form: "credential" | "obCredentialJwt"): void {
  const value = form === "credential" ? "Prisma.DbNull" : "null";
  runLib(
    `await db.certificate.update({ where: { publicId: ${JSON.stringify(publicId)} }, data: { ${form}: ${value} } });`,
    { Prisma: "lib/generated/prisma/client.ts" },
  );
}

test.describe("a wallet using the Open Badges 3.0 API", () => {
  const wallet = new RedirectEndpoint();
  let endpoints: Endpoints;
  let registration: Registration;
  let learner: CertifiedLearner;

  test.beforeAll(async ({ playwright, baseURL }) => {
    await wallet.start();
    learner = learnerWithCertificate("Wanda Wallet", { password: LEARNER_PASSWORD, emailPrefix: "wallet-e2e" });
    const request = await playwright.request.newContext({ baseURL });
    endpoints = await discover(request);
    expect(endpoints.scopes).toEqual(expect.arrayContaining([CREDENTIAL_READ, PROFILE_READ]));
    registration = await register(request, endpoints, wallet);
    await request.dispose();
  });

  test.afterAll(async () => {
    await wallet.stop();
  });

  const WORDS = {
    en: {
      email: "Email",
      password: "Password",
      signIn: "Sign in",
      asks: "Test Wallet would like to:",
      credentials: "Read your certificates",
      name: "Read your name",
    },
    "zh-CN": {
      email: "电子邮箱",
      password: "密码",
      signIn: "登录",
      asks: "Test Wallet 请求：",
      credentials: "读取你的证书",
      name: "读取你在证书上显示的姓名",
    },
  };
  const BUTTONS = { en: { Allow: "Allow", Deny: "Deny" }, "zh-CN": { Allow: "允许", Deny: "拒绝" } };

  /**
   * Opens the authorization URL as the learner in a fresh browser (signing in when asked) and
   * answers the consent page on a phone-sized screen. Returns where the browser landed, and the
   * signed-in context for the caller to use further or close.
   */
  async function consentIn(
    browser: Browser,
    answer: "Allow" | "Deny",
    challenge: string,
    state: string,
    locale: "en" | "zh-CN" = "en",
  ): Promise<{ landed: URL; context: BrowserContext }> {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const base = new URL(endpoints.authorization);
    await context.addCookies([{ name: "gradient-locale", value: locale, url: base.origin }]);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(authorizationUrl(endpoints, registration, state, challenge));
    await expect(page).toHaveURL(/\/sign-in/);
    // The sign-in page it is sent to is in the reader's language too.
    const words = WORDS[locale];
    await page.getByLabel(words.email).fill(learner.email);
    await page.getByLabel(words.password).fill(LEARNER_PASSWORD);
    await page.getByRole("button", { name: words.signIn, exact: true }).click();
    await expect(page.getByRole("heading", { name: words.asks })).toBeVisible();
    await expect(page.getByTestId("consent-scopes")).toContainText(words.credentials);
    await expect(page.getByTestId("consent-scopes")).toContainText(words.name);
    const fitsPhone = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(fitsPhone).toBe(true);
    await page.getByRole("button", { name: BUTTONS[locale][answer] }).click();
    await page.waitForURL((url) => url.toString().startsWith(wallet.callback));
    const landed = new URL(page.url());
    await page.close();
    return { landed, context };
  }

  async function consent(browser: Browser, answer: "Allow" | "Deny", challenge: string, state: string): Promise<URL> {
    const { landed, context } = await consentIn(browser, answer, challenge, state);
    await context.close();
    return landed;
  }

  test("registers, gets the learner's consent, pulls and verifies the credentials, refreshes and revokes", async ({
    browser,
    request,
  }) => {
    const { verifier, challenge } = pkcePair();
    const state = crypto.randomUUID();
    const landed = await consent(browser, "Allow", challenge, state);
    expect(landed.searchParams.get("state")).toBe(state);
    expect(landed.searchParams.get("error")).toBeNull();
    const code = landed.searchParams.get("code");
    expect(code).toBeTruthy();
    expect(landed.searchParams.get("scope")?.split(" ")).toEqual(expect.arrayContaining([CREDENTIAL_READ]));

    const exchanged = await tokenRequest(request, endpoints, registration, {
      grant_type: "authorization_code",
      code: code ?? "",
      redirect_uri: wallet.callback,
      scope: `${CREDENTIAL_READ} ${PROFILE_READ}`,
      code_verifier: verifier,
    });
    expect(exchanged.status()).toBe(200);
    expect(exchanged.headers()["cache-control"]).toContain("no-store");
    const tokens = (await exchanged.json()) as Tokens;
    expect(tokens.token_type.toLowerCase()).toBe("bearer");
    expect(tokens.expires_in).toBeGreaterThan(0);
    expect(tokens.refresh_token).toBeTruthy();

    // A code works once.
    const replayed = await tokenRequest(request, endpoints, registration, {
      grant_type: "authorization_code",
      code: code ?? "",
      redirect_uri: wallet.callback,
      code_verifier: verifier,
    });
    expect(replayed.status()).toBe(400);
    expect(((await replayed.json()) as { error: string }).error).toBe("invalid_grant");
    // ...and replaying it ends what it granted (the spec's SHOULD), so the wallet authorizes again.
    const refusedAfterReplay = await request.get("/ims/ob/v3p0/credentials", {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(refusedAfterReplay.status()).toBe(401);

    const second = pkcePair();
    const secondState = crypto.randomUUID();
    const again = await consent(browser, "Allow", second.challenge, secondState);
    expect(again.searchParams.get("state")).toBe(secondState);
    const fresh = (await (
      await tokenRequest(request, endpoints, registration, {
        grant_type: "authorization_code",
        code: again.searchParams.get("code") ?? "",
        redirect_uri: wallet.callback,
        code_verifier: second.verifier,
      })
    ).json()) as Tokens;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}`, accept: "application/json" });

    // The learner hid the certificate from the public; their own wallet still receives it.
    runLib(`await db.certificate.update({ where: { publicId: ${JSON.stringify(learner.publicId)} },
      data: { isPublic: false } });`);
    // Each certificate comes once: as embedded-proof JSON where it has that form...
    const embeddedForm = await pullAndVerify(request, fresh.access_token);
    expect(embeddedForm.total).toBe("1");
    expect(embeddedForm.jwsTypes).toEqual([]);
    expect(embeddedForm.embedded).toHaveLength(1);
    expect(JSON.stringify(embeddedForm.embedded)).toContain(learner.publicId);
    // ...else as the Open Badges 3.0 VC-JWT, else (issued before both) as the VC-JOSE-COSE JWT.
    dropForm(learner.publicId, "credential");
    const obJwtForm = await pullAndVerify(request, fresh.access_token);
    expect([obJwtForm.total, obJwtForm.embedded.length, obJwtForm.jwsTypes]).toEqual(["1", 0, ["JWT"]]);
    dropForm(learner.publicId, "obCredentialJwt");
    const joseForm = await pullAndVerify(request, fresh.access_token);
    expect([joseForm.total, joseForm.embedded.length, joseForm.jwsTypes]).toEqual(["1", 0, ["vc+jwt"]]);

    const profile = await request.get("/ims/ob/v3p0/profile", { headers: bearer(fresh.access_token) });
    expect(profile.status()).toBe(200);
    const profileBody = (await profile.json()) as { type: string[] | string; name: string; id: string };
    expect(profileBody.name).toBe("Wanda Wallet");
    expect([profileBody.type].flat()).toContain("Profile");
    // The profile is the subject of the credentials: the wallet can tell they are the learner's.
    expect(profileBody.id).toBe(learner.subjectId);
    for (const subject of [...embeddedForm.subjects, ...obJwtForm.subjects, ...joseForm.subjects])
      expect(subject).toBe(profileBody.id);

    // Refreshing rotates the refresh token and yields a working access token.
    const refreshed = await tokenRequest(request, endpoints, registration, {
      grant_type: "refresh_token",
      refresh_token: fresh.refresh_token,
      scope: CREDENTIAL_READ,
    });
    expect(refreshed.status()).toBe(200);
    const rotated = (await refreshed.json()) as Tokens;
    expect(rotated.access_token).not.toBe(fresh.access_token);
    expect(rotated.refresh_token).not.toBe(fresh.refresh_token);
    expect(rotated.scope).toBe(CREDENTIAL_READ);
    const withRefreshed = await request.get("/ims/ob/v3p0/credentials", { headers: bearer(rotated.access_token) });
    expect(withRefreshed.status()).toBe(200);
    // The narrowed token cannot read the profile.
    const narrowed = await request.get("/ims/ob/v3p0/profile", { headers: bearer(rotated.access_token) });
    expect(narrowed.status()).toBe(403);
    expect(((await narrowed.json()) as { imsx_codeMajor: string }).imsx_codeMajor).toBe("failure");

    // Revoked, the access token is refused, with the spec's error shape. The Service Description
    // Document has no field for the revocation endpoint (RFC 7009); Gradient's description names it.
    const revoked = await request.post(endpoints.token.replace(/token$/, "revoke"), {
      headers: { authorization: basic(registration), "content-type": "application/x-www-form-urlencoded" },
      data: new URLSearchParams({ token: rotated.access_token, token_type_hint: "access_token" }).toString(),
    });
    expect(revoked.status()).toBe(200);
    const afterRevocation = await request.get("/ims/ob/v3p0/credentials", { headers: bearer(rotated.access_token) });
    expect(afterRevocation.status()).toBe(401);
    const status = (await afterRevocation.json()) as { imsx_codeMajor: string; imsx_severity: string };
    expect(status).toMatchObject({ imsx_codeMajor: "failure", imsx_severity: "error" });

    // The refresh token already used once is refused, and its use ends the grant: the rotated one dies too.
    const reused = await tokenRequest(request, endpoints, registration, {
      grant_type: "refresh_token",
      refresh_token: fresh.refresh_token,
    });
    expect(reused.status()).toBe(400);
    expect(((await reused.json()) as { error: string }).error).toBe("invalid_grant");
    const afterReuse = await tokenRequest(request, endpoints, registration, {
      grant_type: "refresh_token",
      refresh_token: rotated.refresh_token,
    });
    expect(afterReuse.status()).toBe(400);
  });

  test("the learner denies: the wallet is told access_denied with its state, and gets no code", async ({ browser }) => {
    const { challenge } = pkcePair();
    const state = crypto.randomUUID();
    const landed = await consent(browser, "Deny", challenge, state);
    expect(landed.searchParams.get("error")).toBe("access_denied");
    expect(landed.searchParams.get("state")).toBe(state);
    expect(landed.searchParams.get("code")).toBeNull();
  });

  test("a code redeemed with the wrong PKCE verifier is refused", async ({ browser, request }) => {
    const { challenge } = pkcePair();
    const state = crypto.randomUUID();
    const landed = await consent(browser, "Allow", challenge, state);
    const wrong = await tokenRequest(request, endpoints, registration, {
      grant_type: "authorization_code",
      code: landed.searchParams.get("code") ?? "",
      redirect_uri: wallet.callback,
      code_verifier: pkcePair().verifier,
    });
    expect(wrong.status()).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe("invalid_grant");
  });

  test("in Chinese, the learner connects the wallet, finds it under Account → Apps and disconnects it", async ({
    browser,
    request,
  }) => {
    const { verifier, challenge } = pkcePair();
    const { landed, context } = await consentIn(browser, "Allow", challenge, crypto.randomUUID(), "zh-CN");
    const tokens = (await (
      await tokenRequest(request, endpoints, registration, {
        grant_type: "authorization_code",
        code: landed.searchParams.get("code") ?? "",
        redirect_uri: wallet.callback,
        code_verifier: verifier,
      })
    ).json()) as Tokens;
    const read = () =>
      request.get("/ims/ob/v3p0/profile", { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect((await read()).status()).toBe(200);

    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/account/apps");
    await expect(page.getByRole("heading", { name: "已连接的应用" })).toBeVisible();
    const row = page.getByTestId("connected-app").filter({ hasText: "Test Wallet" });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("读取你的证书");
    await row.getByRole("button", { name: "断开 Test Wallet" }).click();
    await expect(page.getByText("还没有连接任何应用。")).toBeVisible();
    expect((await read()).status()).toBe(401);
    await context.close();
  });

  test("without a token the API answers 401 with a Bearer challenge; unsupported operations answer 405", async ({
    request,
  }) => {
    const anonymous = await request.get("/ims/ob/v3p0/credentials");
    expect(anonymous.status()).toBe(401);
    expect(anonymous.headers()["www-authenticate"]).toMatch(/^Bearer /);
    expect(await anonymous.json()).toMatchObject({ imsx_codeMajor: "failure", imsx_severity: "error" });
    const upsert = await request.post("/ims/ob/v3p0/credentials", {
      headers: { "content-type": "text/plain" },
      data: "header.payload.signature",
    });
    expect(upsert.status()).toBe(405);
    expect(upsert.headers().allow).toContain("GET");
    expect(await upsert.json()).toMatchObject({ imsx_codeMajor: "unsupported" });
    const putProfile = await request.put("/ims/ob/v3p0/profile", { data: { type: "Profile", name: "x" } });
    expect(putProfile.status()).toBe(405);
    expect(await putProfile.json()).toMatchObject({ imsx_codeMajor: "unsupported" });
  });

  test("an unregistered redirect URI is shown to the learner and never followed", async ({ page }) => {
    const url = new URL(authorizationUrl(endpoints, registration, "s", pkcePair().challenge));
    url.searchParams.set("redirect_uri", `${wallet.origin}/elsewhere`);
    const before = wallet.seen.length;
    await page.goto(url.toString());
    await expect(page.getByTestId("authorization-problem")).toBeVisible();
    expect(wallet.seen.length).toBe(before);
  });

  test("a request with PKCE plain goes back to the wallet as invalid_request, with its state", async ({ page }) => {
    const url = new URL(authorizationUrl(endpoints, registration, "plain-state", "a".repeat(43)));
    url.searchParams.set("code_challenge_method", "plain");
    await page.goto(url.toString());
    await page.waitForURL((landed) => landed.toString().startsWith(wallet.callback));
    const landed = new URL(page.url());
    expect(landed.searchParams.get("error")).toBe("invalid_request");
    expect(landed.searchParams.get("state")).toBe("plain-state");
  });
});
