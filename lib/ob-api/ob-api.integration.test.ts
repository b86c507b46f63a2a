// The OAuth 2.0 rules of the Open Badges API against the run's own Postgres and Redis: codes are
// single-use and bound to their client, redirect URI and PKCE challenge; refresh tokens rotate and a
// replay ends the grant; revocation, scopes and disconnecting an app.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, describe, test } from "node:test";
import { closeConnections, uniqueAddress } from "../api/test-fixtures";
import { db } from "../db";
import { authenticateObRequest, BearerTokenError } from "./authenticate-ob-request";
import { readAuthorizationRequest } from "./authorization-request";
import { decideAuthorization } from "./decide-authorization";
import { disconnectApp } from "./disconnect-app";
import { exchangeToken } from "./exchange-token";
import { listConnectedApps } from "./list-connected-apps";
import { OAuthError } from "./oauth-error";
import { hashSecret } from "./oauth-secrets";
import { challengeOf } from "./pkce";
import { registerClient, type ClientRegistration } from "./register-client";
import { revokeToken } from "./revoke-token";
import { CREDENTIAL_READ_SCOPE, PROFILE_READ_SCOPE } from "./scopes";

after(closeConnections);

const BOTH_SCOPES = `${CREDENTIAL_READ_SCOPE} ${PROFILE_READ_SCOPE}`;

async function createLearner() {
  return db.user.create({
    data: { email: `ob-api-${crypto.randomUUID()}@example.com`, name: "Wallet Owner", passwordHash: "not-used" },
    select: { id: true, email: true, name: true, role: true },
  });
}

async function createClient(
  overrides: Record<string, unknown> = {},
): Promise<ClientRegistration & { redirectUri: string }> {
  const host = `https://wallet-${crypto.randomBytes(4).toString("hex")}.example`;
  const registration = await registerClient({
    clientAddress: uniqueAddress(),
    input: {
      client_name: "Integration Wallet",
      client_uri: `${host}/`,
      logo_uri: `${host}/logo.png`,
      tos_uri: `${host}/terms`,
      policy_uri: `${host}/privacy`,
      software_id: "integration-wallet",
      software_version: "1",
      redirect_uris: [`${host}/cb`],
      grant_types: ["authorization_code", "refresh_token"],
      scope: BOTH_SCOPES,
      ...overrides,
    },
  });
  return { ...registration, redirectUri: `${host}/cb` };
}

function basicOf(client: ClientRegistration): string {
  return `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString("base64")}`;
}

/** The learner allows the client; returns the code and its verifier. */
async function authorize(
  user: Awaited<ReturnType<typeof createLearner>>,
  client: ClientRegistration & { redirectUri: string },
) {
  const verifier = crypto.randomBytes(32).toString("base64url");
  const location = new URL(
    await decideAuthorization({
      user,
      isAllowed: true,
      query: {
        response_type: "code",
        client_id: client.client_id,
        redirect_uri: client.redirectUri,
        scope: BOTH_SCOPES,
        state: "state-1",
        code_challenge: challengeOf(verifier),
        code_challenge_method: "S256",
      },
    }),
  );
  assert.equal(location.searchParams.get("state"), "state-1");
  return { code: location.searchParams.get("code") ?? "", verifier };
}

function token(
  client: ClientRegistration,
  fields: Record<string, string>,
  authorization: string | null = basicOf(client),
) {
  return exchangeToken({ authorization, form: new URLSearchParams(fields), clientAddress: uniqueAddress() });
}

async function refusal(promise: Promise<unknown>): Promise<OAuthError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OAuthError, `an OAuthError, not ${String(error)}`);
    return error;
  }
  assert.fail("the request was granted");
}

function bearerRequest(accessToken: string): Request {
  return new Request("http://localhost/ims/ob/v3p0/credentials", {
    headers: { authorization: `Bearer ${accessToken}`, "x-forwarded-for": uniqueAddress() },
  });
}

describe("registration", () => {
  test("stores only the secret's hash and answers every field the client sent", async () => {
    const client = await createClient();
    const row = await db.oAuthClient.findUniqueOrThrow({ where: { clientId: client.client_id } });
    assert.equal(row.secretHash, hashSecret(client.client_secret));
    assert.ok(!JSON.stringify(row).includes(client.client_secret));
    assert.equal(client.client_name, "Integration Wallet");
    assert.equal(client.scope, BOTH_SCOPES);
  });
});

describe("the authorization request", () => {
  test("an unknown client or an unregistered redirect URI is shown, never redirected to", async () => {
    const client = await createClient();
    assert.deepEqual(await readAuthorizationRequest({ client_id: "nobody", redirect_uri: client.redirectUri }), {
      kind: "show-error",
      problem: "unknown-client",
    });
    const reading = await readAuthorizationRequest({
      client_id: client.client_id,
      redirect_uri: "https://evil.example/cb",
    });
    assert.deepEqual(reading, { kind: "show-error", problem: "bad-redirect-uri" });
  });

  test("PKCE plain, a missing challenge, an unknown scope or another response type go back to the client with its state", async () => {
    const client = await createClient();
    const base = {
      response_type: "code",
      client_id: client.client_id,
      redirect_uri: client.redirectUri,
      scope: CREDENTIAL_READ_SCOPE,
      state: "xyz",
      code_challenge: challengeOf("v".repeat(43)),
      code_challenge_method: "S256",
    };
    const cases: Array<[Record<string, string | undefined>, string]> = [
      [{ code_challenge_method: "plain" }, "invalid_request"],
      [{ code_challenge: undefined }, "invalid_request"],
      [{ scope: "openid" }, "invalid_scope"],
      [{ response_type: "token" }, "unsupported_response_type"],
    ];
    for (const [change, error] of cases) {
      const reading = await readAuthorizationRequest({ ...base, ...change });
      assert.equal(reading.kind, "redirect", JSON.stringify(change));
      const location = new URL(reading.kind === "redirect" ? reading.location : "");
      assert.equal(location.origin + location.pathname, client.redirectUri);
      assert.equal(location.searchParams.get("error"), error, JSON.stringify(change));
      assert.equal(location.searchParams.get("state"), "xyz");
    }
  });

  test("denying sends access_denied and records nothing", async () => {
    const [user, client] = await Promise.all([createLearner(), createClient()]);
    const location = new URL(
      await decideAuthorization({
        user,
        isAllowed: false,
        query: {
          response_type: "code",
          client_id: client.client_id,
          redirect_uri: client.redirectUri,
          scope: CREDENTIAL_READ_SCOPE,
          state: "s",
          code_challenge: challengeOf("v".repeat(43)),
          code_challenge_method: "S256",
        },
      }),
    );
    assert.equal(location.searchParams.get("error"), "access_denied");
    assert.equal(location.searchParams.get("code"), null);
    assert.equal(await db.oAuthGrant.count({ where: { userId: user.id } }), 0);
  });
});

describe("the authorization code", () => {
  test("is exchanged once, with the right verifier, for tokens stored only as hashes", async () => {
    const [user, client] = await Promise.all([createLearner(), createClient()]);
    const { code, verifier } = await authorize(user, client);
    const tokens = await token(client, {
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    });
    assert.equal(tokens.token_type, "Bearer");
    assert.equal(tokens.scope, BOTH_SCOPES);
    assert.ok(tokens.refresh_token);
    const rows = await db.oAuthToken.findMany({ where: { grant: { userId: user.id } } });
    assert.equal(rows.length, 2);
    assert.ok(!JSON.stringify(rows).includes(tokens.access_token));
    assert.equal((await authenticateObRequest(bearerRequest(tokens.access_token), CREDENTIAL_READ_SCOPE)).id, user.id);
  });

  test("a second use is refused and ends the tokens the first one gave", async () => {
    const [user, client] = await Promise.all([createLearner(), createClient()]);
    const { code, verifier } = await authorize(user, client);
    const fields = {
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    };
    const tokens = await token(client, fields);
    assert.equal((await refusal(token(client, fields))).code, "invalid_grant");
    await assert.rejects(
      authenticateObRequest(bearerRequest(tokens.access_token), CREDENTIAL_READ_SCOPE),
      BearerTokenError,
    );
    const grant = await db.oAuthGrant.findFirstOrThrow({ where: { userId: user.id } });
    assert.equal(grant.revocationReason, "code_replayed");
  });

  test("a wrong verifier, another redirect URI, another client or an expired code is invalid_grant", async () => {
    const [user, client, other] = await Promise.all([createLearner(), createClient(), createClient()]);
    const { code, verifier } = await authorize(user, client);
    const fields = {
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    };
    const wrongVerifier = { ...fields, code_verifier: crypto.randomBytes(32).toString("base64url") };
    assert.equal((await refusal(token(client, wrongVerifier))).code, "invalid_grant");
    assert.equal(
      (await refusal(token(client, { ...fields, redirect_uri: `${client.redirectUri}/x` }))).code,
      "invalid_grant",
    );
    assert.equal((await refusal(token(other, fields))).code, "invalid_grant");
    await db.oAuthAuthorizationCode.update({ where: { codeHash: hashSecret(code) }, data: { expiresAt: new Date(0) } });
    assert.equal((await refusal(token(client, fields))).code, "invalid_grant");
    assert.equal(await db.oAuthToken.count({ where: { grant: { userId: user.id } } }), 0);
  });

  test("a missing verifier is invalid_request", async () => {
    const [user, client] = await Promise.all([createLearner(), createClient()]);
    const { code } = await authorize(user, client);
    const error = await refusal(
      token(client, { grant_type: "authorization_code", code, redirect_uri: client.redirectUri }),
    );
    assert.equal(error.code, "invalid_request");
  });
});

describe("client authentication at the token endpoint", () => {
  test("a wrong secret, the unregistered method or two methods at once are refused", async () => {
    const [user, client] = await Promise.all([createLearner(), createClient()]);
    const { code, verifier } = await authorize(user, client);
    const fields = {
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    };
    const wrong = `Basic ${Buffer.from(`${client.client_id}:${crypto.randomBytes(32).toString("base64url")}`).toString("base64")}`;
    const wrongSecret = await refusal(token(client, fields, wrong));
    assert.equal(wrongSecret.code, "invalid_client");
    assert.equal(wrongSecret.status, 401);
    const posted = { ...fields, client_id: client.client_id, client_secret: client.client_secret };
    assert.equal((await refusal(token(client, posted, null))).code, "invalid_client");
    assert.equal((await refusal(token(client, posted))).code, "invalid_request");
    assert.equal((await refusal(token(client, fields, null))).code, "invalid_client");
  });

  test("a client registered for client_secret_post authenticates in the body", async () => {
    const [user, client] = await Promise.all([
      createLearner(),
      createClient({ token_endpoint_auth_method: "client_secret_post" }),
    ]);
    const { code, verifier } = await authorize(user, client);
    const tokens = await token(
      client,
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: client.redirectUri,
        code_verifier: verifier,
        client_id: client.client_id,
        client_secret: client.client_secret,
      },
      null,
    );
    assert.ok(tokens.access_token);
  });

  test("a client without the refresh_token grant gets no refresh token and cannot refresh", async () => {
    const [user, client] = await Promise.all([createLearner(), createClient({ grant_types: ["authorization_code"] })]);
    const { code, verifier } = await authorize(user, client);
    const tokens = await token(client, {
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    });
    assert.equal(tokens.refresh_token, undefined);
    const error = await refusal(token(client, { grant_type: "refresh_token", refresh_token: "x".repeat(43) }));
    assert.equal(error.code, "unauthorized_client");
    assert.equal((await refusal(token(client, { grant_type: "password" }))).code, "unsupported_grant_type");
  });
});

describe("refresh tokens", () => {
  async function connected() {
    const [user, client] = await Promise.all([createLearner(), createClient()]);
    const { code, verifier } = await authorize(user, client);
    const tokens = await token(client, {
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    });
    return { user, client, tokens };
  }

  test("rotate on use; the old one used again ends the grant, the new one with it", async () => {
    const { user, client, tokens } = await connected();
    const rotated = await token(client, { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" });
    assert.notEqual(rotated.refresh_token, tokens.refresh_token);
    assert.equal((await authenticateObRequest(bearerRequest(rotated.access_token), PROFILE_READ_SCOPE)).id, user.id);
    const replay = await refusal(
      token(client, { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" }),
    );
    assert.equal(replay.code, "invalid_grant");
    const next = await refusal(
      token(client, { grant_type: "refresh_token", refresh_token: rotated.refresh_token ?? "" }),
    );
    assert.equal(next.code, "invalid_grant");
    await assert.rejects(
      authenticateObRequest(bearerRequest(rotated.access_token), PROFILE_READ_SCOPE),
      BearerTokenError,
    );
    const grant = await db.oAuthGrant.findFirstOrThrow({ where: { userId: user.id } });
    assert.equal(grant.revocationReason, "refresh_token_replayed");
  });

  test("may narrow the scope, never widen it; another client's refresh token is invalid_grant", async () => {
    const { client, tokens } = await connected();
    const narrowed = await token(client, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token ?? "",
      scope: CREDENTIAL_READ_SCOPE,
    });
    assert.equal(narrowed.scope, CREDENTIAL_READ_SCOPE);
    await assert.rejects(
      authenticateObRequest(bearerRequest(narrowed.access_token), PROFILE_READ_SCOPE),
      (error: unknown) => {
        assert.ok(error instanceof BearerTokenError);
        assert.equal(error.status, 403);
        assert.match(error.challenge, /insufficient_scope/);
        return true;
      },
    );
    const unknownScope = await refusal(
      token(client, { grant_type: "refresh_token", refresh_token: narrowed.refresh_token ?? "", scope: "openid" }),
    );
    assert.equal(unknownScope.code, "invalid_scope");
    const other = await createClient();
    const stolen = await refusal(
      token(other, { grant_type: "refresh_token", refresh_token: narrowed.refresh_token ?? "" }),
    );
    assert.equal(stolen.code, "invalid_grant");
  });
});

describe("revocation and disconnecting", () => {
  test("revoking an access token ends it alone; revoking a refresh token ends the grant; unknown tokens are fine", async () => {
    const [user, client] = await Promise.all([createLearner(), createClient()]);
    const { code, verifier } = await authorize(user, client);
    const tokens = await token(client, {
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    });
    const revoke = (value: string, by: ClientRegistration = client) =>
      revokeToken({
        authorization: basicOf(by),
        form: new URLSearchParams({ token: value }),
        clientAddress: uniqueAddress(),
      });
    const other = await createClient();
    await revoke(tokens.access_token, other);
    assert.equal((await authenticateObRequest(bearerRequest(tokens.access_token), CREDENTIAL_READ_SCOPE)).id, user.id);
    await revoke(tokens.access_token);
    await assert.rejects(
      authenticateObRequest(bearerRequest(tokens.access_token), CREDENTIAL_READ_SCOPE),
      BearerTokenError,
    );
    const rotated = await token(client, { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" });
    await revoke(rotated.refresh_token ?? "");
    await assert.rejects(
      authenticateObRequest(bearerRequest(rotated.access_token), CREDENTIAL_READ_SCOPE),
      BearerTokenError,
    );
    await revoke("never-issued");
    const badHint = await refusal(
      revokeToken({
        authorization: basicOf(client),
        form: new URLSearchParams({ token: "x", token_type_hint: "id_token" }),
        clientAddress: uniqueAddress(),
      }),
    );
    assert.equal(badHint.code, "unsupported_token_type");
  });

  test("a learner sees the app they connected and disconnects it; another learner cannot", async () => {
    const [user, stranger, client] = await Promise.all([createLearner(), createLearner(), createClient()]);
    const { code, verifier } = await authorize(user, client);
    const tokens = await token(client, {
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    });
    const apps = await listConnectedApps(user);
    assert.equal(apps.length, 1);
    assert.equal(apps[0]?.name, "Integration Wallet");
    assert.deepEqual(apps[0]?.scopes, [CREDENTIAL_READ_SCOPE, PROFILE_READ_SCOPE]);
    const clientRowId = apps[0]?.clientRowId ?? "";
    assert.equal(await disconnectApp({ user: stranger, clientRowId }), 0);
    assert.equal((await authenticateObRequest(bearerRequest(tokens.access_token), CREDENTIAL_READ_SCOPE)).id, user.id);
    assert.equal(await disconnectApp({ user, clientRowId }), 1);
    await assert.rejects(
      authenticateObRequest(bearerRequest(tokens.access_token), CREDENTIAL_READ_SCOPE),
      BearerTokenError,
    );
    assert.deepEqual(await listConnectedApps(user), []);
  });
});
