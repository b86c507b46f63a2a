import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimitedError } from "../errors";
import { OAuthError, asciiDescription } from "./oauth-error";
import { oauthErrorResponse, readFormBody } from "./oauth-responses";

test("an invalid_client is a 401 with a Basic challenge; other errors are 400s; none is cached", async () => {
  const unauthenticated = oauthErrorResponse(new OAuthError("invalid_client", "Client authentication failed."));
  assert.equal(unauthenticated.status, 401);
  assert.match(unauthenticated.headers.get("www-authenticate") ?? "", /^Basic /);
  assert.deepEqual(await unauthenticated.json(), {
    error: "invalid_client",
    error_description: "Client authentication failed.",
  });
  const grant = oauthErrorResponse(new OAuthError("invalid_grant", "used"));
  assert.equal(grant.status, 400);
  assert.equal(grant.headers.get("cache-control"), "no-store");
});

test("a rate limit is a 429 with Retry-After, in the OAuth error shape", async () => {
  const response = oauthErrorResponse(new RateLimitedError("Too many token requests. Try again in 5 seconds.", 5));
  assert.equal(response.status, 429);
  assert.equal(response.headers.get("retry-after"), "5");
  assert.equal(((await response.json()) as { error: string }).error, "invalid_request");
});

test("descriptions keep to the ASCII RFC 6749 allows", () => {
  assert.equal(asciiDescription('say "hi" \\ 你好'), "say 'hi' ' ''");
});

test("the token endpoint takes form bodies only", async () => {
  const json = new Request("http://localhost/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  await assert.rejects(
    readFormBody(json),
    (error: unknown) => error instanceof OAuthError && error.code === "invalid_request",
  );
  const form = new Request("http://localhost/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: "grant_type=refresh_token&refresh_token=abc",
  });
  assert.equal((await readFormBody(form)).get("refresh_token"), "abc");
});
