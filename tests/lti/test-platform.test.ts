// The test platform's own checks, exercised in-process: the services refuse what the
// specifications forbid, so the end-to-end journeys can trust an accepted call.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type CryptoKey } from "jose";
import { problemsWithAuthRequest } from "./auth-request";
import { checkScore } from "./score-checks";
import { forgeRoles } from "./tamper";
import { TestPlatform } from "./test-platform";
import { JWT_BEARER, MEDIA_TYPES, ROLES, SCOPES } from "./vocabulary";

/** A stand-in tool: only a key pair and the JWKS server the platform fetches it from. */
async function startToolKeys(): Promise<{ privateKey: CryptoKey; kid: string; jwksUrl: string; stop: () => void }> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = "tool-key-1";
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" }] };
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { privateKey, kid, jwksUrl: `http://127.0.0.1:${port}/jwks`, stop: () => server.close() };
}

describe("the test LMS", () => {
  let platform: TestPlatform;
  let tool: Awaited<ReturnType<typeof startToolKeys>>;
  let clientId: string;

  before(async () => {
    platform = await TestPlatform.start();
    tool = await startToolKeys();
    clientId = platform.registerToolByHand({
      loginUrl: "http://127.0.0.1:9/lti/login",
      launchUrl: "http://127.0.0.1:9/lti/launch",
      jwksUrl: tool.jwksUrl,
    }).clientId;
  });
  after(async () => {
    tool.stop();
    await platform.stop();
  });

  const assertion = (overrides: { audience?: string; jti?: string } = {}) =>
    new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: tool.kid })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(overrides.audience ?? platform.endpoints.token)
      .setIssuedAt()
      .setExpirationTime("5m")
      .setJti(overrides.jti ?? crypto.randomUUID())
      .sign(tool.privateKey);

  const askToken = async (clientAssertion: string, scope: string) =>
    fetch(platform.endpoints.token, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_assertion_type: JWT_BEARER,
        client_assertion: clientAssertion,
        scope,
      }),
    });

  const accessToken = async (scope: string) => {
    const response = await askToken(await assertion(), scope);
    assert.equal(response.status, 200);
    return ((await response.json()) as { access_token: string }).access_token;
  };

  test("grants a token for a good client assertion, once per jti, only for its own audience", async () => {
    const jti = crypto.randomUUID();
    const first = await askToken(await assertion({ jti }), SCOPES.score);
    assert.equal(first.status, 200);
    assert.equal(((await first.json()) as { scope: string }).scope, SCOPES.score);
    assert.equal((await askToken(await assertion({ jti }), SCOPES.score)).status, 401);
    assert.equal(
      (await askToken(await assertion({ audience: "https://elsewhere.example/token" }), SCOPES.score)).status,
      401,
    );
  });

  test("records a well-formed score and refuses a bad one, an unknown user, the wrong type or scope", async () => {
    const lineItems = await fetch(`${platform.endpoints.issuer}/contexts/${platform.course.contextId}/lineitems`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await accessToken(SCOPES.lineItem)}`, "Content-Type": MEDIA_TYPES.lineItem },
      body: JSON.stringify({ label: "Lab 1", scoreMaximum: 10, resourceId: "lab-1" }),
    });
    assert.equal(lineItems.status, 201);
    const lineItemUrl = ((await lineItems.json()) as { id: string }).id;
    const scoreToken = await accessToken(SCOPES.score);
    const post = (body: unknown, contentType: string = MEDIA_TYPES.score, token = scoreToken) =>
      fetch(`${lineItemUrl}/scores`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": contentType },
        body: JSON.stringify(body),
      });
    const score = {
      userId: platform.learner.sub,
      scoreGiven: 7,
      scoreMaximum: 10,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      timestamp: new Date().toISOString(),
    };
    assert.equal((await post(score, "application/json")).status, 415);
    assert.equal((await post(score, MEDIA_TYPES.score, await accessToken(SCOPES.lineItem))).status, 403);
    assert.equal((await post({ ...score, userId: "stranger" })).status, 400);
    assert.equal((await post({ ...score, scoreMaximum: undefined })).status, 400);
    platform.failScorePosts(1);
    assert.equal((await post(score)).status, 500);
    assert.equal((await post(score)).status, 200);
    assert.equal((await post(score)).status, 409, "a score no newer than the last is refused");
    const lineItemId = lineItemUrl.split("/").at(-1) ?? "";
    assert.deepEqual(
      platform.scoresFor(lineItemId).map((received) => received.scoreGiven),
      [7],
    );
  });

  test("pages the roster with Link rel=next", async () => {
    const token = await accessToken(SCOPES.memberships);
    const members: string[] = [];
    let next: string | null = `${platform.endpoints.issuer}/contexts/${platform.course.contextId}/memberships`;
    while (next) {
      const page: Response = await fetch(next, {
        headers: { Authorization: `Bearer ${token}`, Accept: MEDIA_TYPES.memberships },
      });
      assert.equal(page.headers.get("content-type"), MEDIA_TYPES.memberships);
      members.push(...((await page.json()) as { members: Array<{ user_id: string }> }).members.map((m) => m.user_id));
      next = /<([^>]+)>;\s*rel="next"/.exec(page.headers.get("link") ?? "")?.[1] ?? null;
    }
    assert.deepEqual(
      members,
      platform.people.map((person) => person.sub),
    );
  });
});

describe("the test LMS's checks", () => {
  test("a forged roles claim no longer verifies", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "k", alg: "RS256" }] });
    const token = await new SignJWT({ "https://purl.imsglobal.org/spec/lti/claim/roles": [...ROLES.learner] })
      .setProtectedHeader({ alg: "RS256", kid: "k" })
      .sign(privateKey);
    await jwtVerify(token, keys);
    await assert.rejects(jwtVerify(forgeRoles(token), keys), { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
  });

  test("an authentication request must be the OIDC implicit flow for the registered redirect URI", () => {
    const tool = {
      clientId: "c",
      deploymentId: "d",
      name: "t",
      initiateLoginUri: "https://tool.example/login",
      redirectUris: ["https://tool.example/launch"],
      jwksUri: "https://tool.example/jwks",
      targetLinkUri: "https://tool.example/launch",
      deepLinkingUri: null,
      scopes: [],
      registeredBy: "hand" as const,
    };
    const good = new URLSearchParams({
      scope: "openid",
      response_type: "id_token",
      response_mode: "form_post",
      prompt: "none",
      client_id: "c",
      redirect_uri: "https://tool.example/launch",
      login_hint: "u",
      lti_message_hint: "h",
      nonce: "n",
      state: "s",
    });
    const expected = { tool, loginHint: "u", messageHint: "h" };
    assert.deepEqual(problemsWithAuthRequest(good, expected), []);
    const bad = new URLSearchParams(good);
    bad.set("redirect_uri", "https://evil.example/launch");
    bad.delete("nonce");
    assert.deepEqual(problemsWithAuthRequest(bad, expected), ["redirect_uri is not registered", "nonce is missing"]);
  });

  test("a score needs its maximum with a given score, a course member, and a newer timestamp", () => {
    const members = new Set(["u"]);
    const score = {
      userId: "u",
      scoreGiven: 1,
      scoreMaximum: 2,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      timestamp: "2026-01-01T00:00:00.000Z",
    };
    assert.ok("score" in checkScore(score, { members, lastTimestamp: undefined }));
    const statusOf = (body: unknown, lastTimestamp?: string) => {
      const checked = checkScore(body, { members, lastTimestamp });
      return "status" in checked ? checked.status : 200;
    };
    assert.equal(statusOf(score, "2026-01-01T00:00:00.000Z"), 409);
    assert.equal(statusOf({ ...score, scoreMaximum: undefined }), 400);
    assert.equal(statusOf({ ...score, userId: "v" }), 400);
    assert.equal(statusOf({ ...score, gradingProgress: "Done" }), 400);
  });
});
