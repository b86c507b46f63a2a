// Every check of the launch against a platform made here: an RSA key of the test's own, its JWKS
// served by a local HTTP server, login initiation through initiateLogin (so the state and nonce are
// the ones Gradient made), then id_tokens signed as a platform would sign them, right or wrong.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";
import { db } from "../db";
import { makeCourse, type TestCourse } from "../instructor/test-fixtures";
import { hashLaunchSecret } from "./launch-state";
import { initiateLogin } from "./login-initiation";
import { JWKS_COOLDOWN_MS } from "./platform-keys";
import { targetLinkUri } from "./targets";
import { validateLaunch } from "./validate-launch";
import { CLAIM, LEARNER_ROLE, LTI_VERSION, MESSAGE_TYPE, TEACHING_ROLES } from "./vocabulary";

interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function makeKey(): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const kid = crypto.randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

let server: http.Server;
let published: JWK[] = [];
let jwksFetches = 0;
let key: TestKey;
let course: TestCourse;
let platform: { id: string; issuer: string; clientId: string };
const DEPLOYMENT = "deployment-1";

before(async () => {
  key = await makeKey();
  published = [key.publicJwk];
  server = http.createServer((request, response) => {
    jwksFetches += 1;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  course = await makeCourse("lti-validate");
  const issuer = `https://platform-${crypto.randomUUID()}.example`;
  platform = await db.ltiPlatform.create({
    data: {
      issuer,
      clientId: "gradient-client",
      name: "Test platform",
      authLoginUrl: `${issuer}/auth`,
      accessTokenUrl: `${issuer}/token`,
      jwksUrl: `http://127.0.0.1:${port}/jwks`,
      deployments: { create: { deploymentId: DEPLOYMENT } },
    },
    select: { id: true, issuer: true, clientId: true },
  });
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.$disconnect();
});

function courseTarget(): string {
  return targetLinkUri({ kind: "course", courseSlug: course.courseSlug });
}

/** A login initiation as the platform starts it; the state and nonce Gradient sent to the platform. */
async function login(target = courseTarget()): Promise<{ state: string; nonce: string }> {
  const result = await initiateLogin({
    iss: platform.issuer,
    login_hint: "user-hint",
    target_link_uri: target,
    client_id: platform.clientId,
  });
  assert.ok(result.ok, JSON.stringify(result));
  const redirect = new URL(result.redirectUrl);
  assert.equal(redirect.origin + redirect.pathname, `${platform.issuer}/auth`);
  assert.equal(redirect.searchParams.get("response_mode"), "form_post");
  assert.equal(redirect.searchParams.get("prompt"), "none");
  assert.equal(redirect.searchParams.get("client_id"), platform.clientId);
  return { state: redirect.searchParams.get("state") ?? "", nonce: redirect.searchParams.get("nonce") ?? "" };
}

function claimsFor(nonce: string, overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: platform.issuer,
    aud: platform.clientId,
    sub: "learner-1",
    nonce,
    name: "Ada Lovelace",
    [CLAIM.messageType]: MESSAGE_TYPE.resourceLink,
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deploymentId]: DEPLOYMENT,
    [CLAIM.targetLinkUri]: courseTarget(),
    [CLAIM.resourceLink]: { id: "link-1", title: "Course" },
    [CLAIM.roles]: [LEARNER_ROLE],
    ...overrides,
  };
}

async function sign(payload: JWTPayload, { signer = key, expiresIn = "5m" } = {}): Promise<string> {
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: signer.kid, typ: "JWT" });
  if (payload.iat === undefined) jwt.setIssuedAt();
  if (payload.exp === undefined) jwt.setExpirationTime(expiresIn);
  return jwt.sign(signer.privateKey);
}

async function refusalOf(idToken: string, state: string): Promise<string> {
  const result = await validateLaunch({ idToken, state });
  assert.equal(result.ok, false, "the launch should have been refused");
  return result.ok ? "" : result.reason;
}

describe("validateLaunch", () => {
  test("a launch as the platform signs it is accepted, with typed claims, and its state is stored only hashed", async () => {
    const { state, nonce } = await login();
    const result = await validateLaunch({ idToken: await sign(claimsFor(nonce)), state });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.platform.id, platform.id);
    assert.equal(result.deploymentId, DEPLOYMENT);
    assert.equal(result.claims.sub, "learner-1");
    assert.equal(result.claims[CLAIM.messageType], MESSAGE_TYPE.resourceLink);
    const row = await db.ltiLaunchState.findUniqueOrThrow({ where: { stateHash: hashLaunchSecret(state) } });
    assert.ok(row.usedAt, "the state is spent");
    assert.equal(await db.ltiLaunchState.count({ where: { stateHash: state } }), 0);
  });

  test("a replayed launch is refused: the state is used once", async () => {
    const { state, nonce } = await login();
    const idToken = await sign(claimsFor(nonce));
    assert.ok((await validateLaunch({ idToken, state })).ok);
    assert.equal(await refusalOf(idToken, state), "state_invalid");
    assert.equal(await refusalOf(idToken, "a-state-nobody-made"), "state_invalid");
  });

  test("an expired state is refused", async () => {
    const { state, nonce } = await login();
    const later = new Date(Date.now() + 11 * 60 * 1000);
    const result = await validateLaunch({ idToken: await sign(claimsFor(nonce)), state, now: later });
    assert.equal(result.ok ? "accepted" : result.reason, "state_invalid");
  });

  test("a wrong nonce is refused", async () => {
    const { state } = await login();
    assert.equal(await refusalOf(await sign(claimsFor("another-nonce")), state), "wrong_nonce");
  });

  test("an unknown kid makes Gradient fetch the JWKS again, and is refused when the key is still absent", async () => {
    await sleep(JWKS_COOLDOWN_MS + 100);
    const fetchesBefore = jwksFetches;
    const stranger = await makeKey();
    const { state, nonce } = await login();
    assert.equal(await refusalOf(await sign(claimsFor(nonce), { signer: stranger }), state), "unknown_key");
    assert.equal(jwksFetches, fetchesBefore + 1, "the JWKS was fetched again for the unknown kid");
  });

  test("a key the platform publishes after rotating is found by fetching the JWKS again", async () => {
    const rotated = await makeKey();
    published = [key.publicJwk, rotated.publicJwk];
    await sleep(JWKS_COOLDOWN_MS + 100);
    const { state, nonce } = await login();
    const result = await validateLaunch({ idToken: await sign(claimsFor(nonce), { signer: rotated }), state });
    assert.ok(result.ok, JSON.stringify(result));
  });

  test("an expired token is refused, and so is one issued too long ago or in the future", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await login();
    assert.equal(
      await refusalOf(await sign(claimsFor(expired.nonce, { iat: now - 600, exp: now - 120 })), expired.state),
      "expired",
    );
    const old = await login();
    assert.equal(
      await refusalOf(await sign(claimsFor(old.nonce, { iat: now - 20 * 60, exp: now + 300 })), old.state),
      "bad_issue_time",
    );
    const future = await login();
    assert.equal(
      await refusalOf(await sign(claimsFor(future.nonce, { iat: now + 600, exp: now + 900 })), future.state),
      "bad_issue_time",
    );
  });

  test("a token for another audience is refused", async () => {
    const { state, nonce } = await login();
    assert.equal(await refusalOf(await sign(claimsFor(nonce, { aud: "another-tool" })), state), "wrong_audience");
  });

  test("with several audiences, azp must name Gradient; a wrong azp is refused even with one audience", async () => {
    const missing = await login();
    const twoAudiences = { aud: [platform.clientId, "another-tool"] };
    assert.equal(await refusalOf(await sign(claimsFor(missing.nonce, twoAudiences)), missing.state), "wrong_azp");
    const wrong = await login();
    assert.equal(
      await refusalOf(await sign(claimsFor(wrong.nonce, { ...twoAudiences, azp: "another-tool" })), wrong.state),
      "wrong_azp",
    );
    const single = await login();
    assert.equal(
      await refusalOf(await sign(claimsFor(single.nonce, { azp: "another-tool" })), single.state),
      "wrong_azp",
    );
    const right = await login();
    const accepted = await validateLaunch({
      idToken: await sign(claimsFor(right.nonce, { ...twoAudiences, azp: platform.clientId })),
      state: right.state,
    });
    assert.ok(accepted.ok, JSON.stringify(accepted));
  });

  test("a token from another issuer is refused", async () => {
    const { state, nonce } = await login();
    assert.equal(
      await refusalOf(await sign(claimsFor(nonce, { iss: "https://elsewhere.example" })), state),
      "wrong_issuer",
    );
  });

  test("a deployment the platform has not registered is refused", async () => {
    const { state, nonce } = await login();
    assert.equal(
      await refusalOf(await sign(claimsFor(nonce, { [CLAIM.deploymentId]: "deployment-2" })), state),
      "unregistered_deployment",
    );
  });

  test("a message type Gradient does not handle, or another LTI version, is refused", async () => {
    const type = await login();
    assert.equal(
      await refusalOf(
        await sign(claimsFor(type.nonce, { [CLAIM.messageType]: "LtiSubmissionReviewRequest" })),
        type.state,
      ),
      "unsupported_message",
    );
    const version = await login();
    assert.equal(
      await refusalOf(await sign(claimsFor(version.nonce, { [CLAIM.version]: "1.1.0" })), version.state),
      "wrong_version",
    );
    const incomplete = await login();
    assert.equal(
      await refusalOf(await sign(claimsFor(incomplete.nonce, { [CLAIM.resourceLink]: undefined })), incomplete.state),
      "invalid_claims",
    );
  });

  test("a forged role (the payload changed after signing) is refused", async () => {
    const { state, nonce } = await login();
    const [header, , signature] = (await sign(claimsFor(nonce))).split(".");
    const forged = Buffer.from(JSON.stringify(claimsFor(nonce, { [CLAIM.roles]: [TEACHING_ROLES[0]] }))).toString(
      "base64url",
    );
    assert.equal(await refusalOf(`${header}.${forged}.${signature}`, state), "bad_signature");
  });

  test("a token signed with another algorithm is refused", async () => {
    const { state, nonce } = await login();
    const secret = new TextEncoder().encode("a shared secret a platform never uses".padEnd(32, "!"));
    const hs256 = await new SignJWT(claimsFor(nonce))
      .setProtectedHeader({ alg: "HS256", kid: key.kid })
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(secret);
    assert.equal(await refusalOf(hs256, state), "wrong_algorithm");
  });

  test("a launch of another link than the one the login started for is refused", async () => {
    const lab = targetLinkUri({ kind: "lab", courseSlug: course.courseSlug, slug: course.assignmentSlug });
    const { state, nonce } = await login(lab);
    assert.equal(await refusalOf(await sign(claimsFor(nonce)), state), "target_mismatch");
  });

  test("a launch of a disabled platform is refused", async () => {
    const { state, nonce } = await login();
    await db.ltiPlatform.update({ where: { id: platform.id }, data: { isEnabled: false } });
    try {
      assert.equal(await refusalOf(await sign(claimsFor(nonce)), state), "unknown_platform");
    } finally {
      await db.ltiPlatform.update({ where: { id: platform.id }, data: { isEnabled: true } });
    }
  });
});

describe("initiateLogin", () => {
  test("refuses an unknown issuer, an unregistered deployment, and a target on another site", async () => {
    const base = {
      iss: platform.issuer,
      login_hint: "h",
      target_link_uri: courseTarget(),
      client_id: platform.clientId,
    };
    const unknown = await initiateLogin({ ...base, iss: "https://nobody.example" });
    assert.equal(unknown.ok ? "ok" : unknown.reason, "unknown_platform");
    const deployment = await initiateLogin({ ...base, lti_deployment_id: "deployment-9" });
    assert.equal(deployment.ok ? "ok" : deployment.reason, "unregistered_deployment");
    const elsewhere = await initiateLogin({ ...base, target_link_uri: "https://evil.example/lti/open/course/x" });
    assert.equal(elsewhere.ok ? "ok" : elsewhere.reason, "not_a_target");
    const malformed = await initiateLogin({ iss: platform.issuer });
    assert.equal(malformed.ok ? "ok" : malformed.reason, "bad_request");
  });

  test("without client_id, finds the one platform of an issuer, and refuses to guess between two", async () => {
    const base = { iss: platform.issuer, login_hint: "h", target_link_uri: courseTarget() };
    assert.ok((await initiateLogin(base)).ok);
    const second = await db.ltiPlatform.create({
      data: {
        issuer: platform.issuer,
        clientId: "second-client",
        name: "Second registration",
        authLoginUrl: `${platform.issuer}/auth`,
        accessTokenUrl: `${platform.issuer}/token`,
        jwksUrl: `${platform.issuer}/jwks`,
      },
    });
    try {
      const result = await initiateLogin(base);
      assert.equal(result.ok ? "ok" : result.reason, "ambiguous_platform");
      assert.ok((await initiateLogin({ ...base, client_id: platform.clientId })).ok);
    } finally {
      await db.ltiPlatform.delete({ where: { id: second.id } });
    }
  });
});
