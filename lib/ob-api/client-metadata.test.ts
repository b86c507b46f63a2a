import assert from "node:assert/strict";
import { test } from "node:test";
import { isAcceptableClientUrl, readClientMetadata } from "./client-metadata";
import { OAuthError } from "./oauth-error";
import { CREDENTIAL_READ_SCOPE, PROFILE_READ_SCOPE } from "./scopes";

const VALID = {
  client_name: "Example Wallet",
  client_uri: "https://wallet.example/",
  logo_uri: "https://wallet.example/logo.png",
  tos_uri: "https://wallet.example/terms",
  policy_uri: "https://wallet.example/privacy",
  software_id: "c88b6ed8-269e-448e-99be-7e2ff47167d1",
  software_version: "v4.0.30319",
  redirect_uris: ["https://wallet.example/Authorize"],
  token_endpoint_auth_method: "client_secret_basic",
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
  scope: `${CREDENTIAL_READ_SCOPE} https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert offline_access`,
};

function refusal(input: unknown): OAuthError {
  try {
    readClientMetadata(input);
  } catch (error) {
    assert.ok(error instanceof OAuthError, `an OAuthError, not ${String(error)}`);
    return error;
  }
  assert.fail("the metadata was accepted");
}

test("the spec's own example registers, with the scopes narrowed to those Gradient grants", () => {
  const metadata = readClientMetadata(VALID);
  assert.equal(metadata.scope, CREDENTIAL_READ_SCOPE);
  assert.deepEqual(metadata.grant_types, ["authorization_code", "refresh_token"]);
  assert.equal(metadata.token_endpoint_auth_method, "client_secret_basic");
});

test("omitted optional fields take the spec's defaults, and unknown fields are ignored (RFC 7591 §2)", () => {
  const { token_endpoint_auth_method, grant_types, response_types, ...rest } = VALID;
  void [token_endpoint_auth_method, grant_types, response_types];
  const metadata = readClientMetadata({ ...rest, scope: `${PROFILE_READ_SCOPE} ${CREDENTIAL_READ_SCOPE}`, jwks: {} });
  assert.equal(metadata.token_endpoint_auth_method, "client_secret_basic");
  assert.deepEqual(metadata.grant_types, ["authorization_code"]);
  assert.deepEqual(metadata.response_types, ["code"]);
  assert.equal(metadata.scope, `${CREDENTIAL_READ_SCOPE} ${PROFILE_READ_SCOPE}`);
  assert.ok(!("jwks" in metadata));
});

test("every required field is required, with invalid_client_metadata naming it", () => {
  for (const field of [
    "client_name",
    "client_uri",
    "logo_uri",
    "tos_uri",
    "policy_uri",
    "software_id",
    "software_version",
    "scope",
  ]) {
    const input: Record<string, unknown> = { ...VALID };
    delete input[field];
    const error = refusal(input);
    assert.equal(error.code, "invalid_client_metadata", field);
    assert.match(error.description, new RegExp(`^${field} is required`), field);
  }
});

test("redirect URI problems are invalid_redirect_uri", () => {
  for (const redirect_uris of [
    undefined,
    [],
    ["not a url"],
    ["https://wallet.example/cb#fragment"],
    ["http://wallet.example/cb"],
    "https://wallet.example/cb",
  ]) {
    assert.equal(refusal({ ...VALID, redirect_uris }).code, "invalid_redirect_uri", JSON.stringify(redirect_uris));
  }
});

test("http is accepted only on the loopback, where a native app or a test wallet listens", () => {
  assert.equal(isAcceptableClientUrl("http://127.0.0.1:4711/cb"), true);
  assert.equal(isAcceptableClientUrl("http://localhost/cb"), true);
  assert.equal(isAcceptableClientUrl("http://example.com/cb"), false);
  assert.equal(isAcceptableClientUrl("https://user:pass@example.com/cb"), false);
  assert.equal(isAcceptableClientUrl("javascript:alert(1)"), false);
});

test("other bad values are invalid_client_metadata", () => {
  const cases: Array<Record<string, unknown>> = [
    { token_endpoint_auth_method: "none" },
    { token_endpoint_auth_method: "private_key_jwt" },
    { grant_types: ["implicit"] },
    { grant_types: ["refresh_token"] },
    { response_types: ["token"] },
    { client_name: "   " },
    { client_name: "x".repeat(101) },
    { logo_uri: "ftp://wallet.example/logo.png" },
    { scope: "openid email" },
    { scope: "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert" },
    { tos_uri: "https://other.example/terms" },
  ];
  for (const change of cases) {
    const error = refusal({ ...VALID, ...change });
    assert.equal(error.code, "invalid_client_metadata", JSON.stringify(change));
    assert.equal(error.status, 400);
  }
  for (const input of [null, "text", [VALID], 42]) assert.equal(refusal(input).code, "invalid_client_metadata");
});
