// The token endpoint (RFC 6749 §4.1.3 and §6): an authorization code with its PKCE verifier, or a
// refresh token, for new tokens. A code or refresh token presented a second time revokes the whole
// grant, because one of the two presenters is not the client it was issued to.
import { db } from "../db";
import { TOKEN_REQUESTS_PER_ADDRESS, hitRateLimit } from "../api/rate-limit";
import { authenticateClient, type AuthenticatedClient } from "./authenticate-client";
import { issueTokens, type TokenResponse } from "./issue-tokens";
import { OAuthError } from "./oauth-error";
import { hashSecret, isWellFormedSecret } from "./oauth-secrets";
import { isVerifierOf } from "./pkce";
import { revokeGrant } from "./revoke-grant";
import { joinScope, readScope, splitScope } from "./scopes";

function required(form: URLSearchParams, name: string): string {
  const values = form.getAll(name);
  if (values.length > 1) throw new OAuthError("invalid_request", `${name} was sent more than once.`);
  const value = values[0];
  if (!value) throw new OAuthError("invalid_request", `${name} is required.`);
  return value;
}

/** The requested scope, which may only narrow the grant's (§6); omitted, the grant's whole scope. */
function scopeWithin(form: URLSearchParams, granted: string): string {
  const asked = form.get("scope");
  if (!asked) return granted;
  const reading = readScope(asked);
  if (!reading.isValid) throw new OAuthError("invalid_scope", "scope names a scope this server does not know.");
  const grantedScopes = splitScope(granted);
  if (reading.granted.some((scope) => !grantedScopes.includes(scope)))
    throw new OAuthError("invalid_scope", "scope asks for more than the learner granted.");
  // Only the scopes that exist here narrow it; a wallet's offline_access or write scopes do not.
  return reading.granted.length > 0 ? joinScope(reading.granted) : granted;
}

async function exchangeCode(client: AuthenticatedClient, form: URLSearchParams): Promise<TokenResponse> {
  const code = required(form, "code");
  const redirectUri = required(form, "redirect_uri");
  const verifier = required(form, "code_verifier");
  const invalid = () => new OAuthError("invalid_grant", "The authorization code is invalid, expired or already used.");
  if (!isWellFormedSecret(code)) throw invalid();
  const row = await db.oAuthAuthorizationCode.findUnique({
    where: { codeHash: hashSecret(code) },
    select: {
      id: true,
      redirectUri: true,
      codeChallenge: true,
      expiresAt: true,
      usedAt: true,
      grant: { select: { id: true, clientId: true, scope: true, revokedAt: true } },
    },
  });
  if (!row || row.grant.clientId !== client.id) throw invalid();
  if (row.usedAt) {
    await db.$transaction((tx) => revokeGrant(tx, row.grant.id, "code_replayed"));
    throw invalid();
  }
  if (row.expiresAt <= new Date() || row.grant.revokedAt) throw invalid();
  if (row.redirectUri !== redirectUri)
    throw new OAuthError("invalid_grant", "redirect_uri differs from the one in the authorization request.");
  if (!isVerifierOf(verifier, row.codeChallenge))
    throw new OAuthError("invalid_grant", "code_verifier does not match the code_challenge.");
  const scope = scopeWithin(form, row.grant.scope);
  const tokens = await db.$transaction(async (tx) => {
    const used = await tx.oAuthAuthorizationCode.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    // Another request redeemed it between the read and now: the same replay as above.
    if (used.count === 0) {
      await revokeGrant(tx, row.grant.id, "code_replayed");
      return null;
    }
    return issueTokens(tx, {
      grantId: row.grant.id,
      scope,
      withRefreshToken: client.grantTypes.includes("refresh_token"),
    });
  });
  if (!tokens) throw invalid();
  return tokens;
}

async function exchangeRefreshToken(client: AuthenticatedClient, form: URLSearchParams): Promise<TokenResponse> {
  const token = required(form, "refresh_token");
  const invalid = () =>
    new OAuthError("invalid_grant", "The refresh token is invalid, expired, revoked or already used.");
  if (!isWellFormedSecret(token)) throw invalid();
  const row = await db.oAuthToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: {
      id: true,
      kind: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      grant: { select: { id: true, clientId: true, scope: true, revokedAt: true } },
    },
  });
  if (!row || row.kind !== "REFRESH" || row.grant.clientId !== client.id) throw invalid();
  if (row.usedAt) {
    await db.$transaction((tx) => revokeGrant(tx, row.grant.id, "refresh_token_replayed"));
    throw invalid();
  }
  if (row.revokedAt || row.grant.revokedAt || row.expiresAt <= new Date()) throw invalid();
  const scope = scopeWithin(form, row.grant.scope);
  const tokens = await db.$transaction(async (tx) => {
    const used = await tx.oAuthToken.updateMany({
      where: { id: row.id, usedAt: null, revokedAt: null },
      data: { usedAt: new Date() },
    });
    if (used.count === 0) {
      await revokeGrant(tx, row.grant.id, "refresh_token_replayed");
      return null;
    }
    return issueTokens(tx, { grantId: row.grant.id, scope, withRefreshToken: true });
  });
  if (!tokens) throw invalid();
  return tokens;
}

export async function exchangeToken({
  authorization,
  form,
  clientAddress,
}: {
  authorization: string | null;
  form: URLSearchParams;
  clientAddress: string;
}): Promise<TokenResponse> {
  await hitRateLimit(TOKEN_REQUESTS_PER_ADDRESS, clientAddress);
  const client = await authenticateClient(authorization, form);
  const grantType = required(form, "grant_type");
  if (grantType !== "authorization_code" && grantType !== "refresh_token")
    throw new OAuthError("unsupported_grant_type", "grant_type must be authorization_code or refresh_token.");
  if (!client.grantTypes.includes(grantType))
    throw new OAuthError("unauthorized_client", `This client did not register the ${grantType} grant type.`);
  return grantType === "authorization_code" ? exchangeCode(client, form) : exchangeRefreshToken(client, form);
}
