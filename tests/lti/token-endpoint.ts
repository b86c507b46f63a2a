// POST /token: the OAuth 2.0 client credentials grant with a signed JWT client assertion
// (LTI 1.3 Security Framework §4.1, RFC 7523), which gives the tool bearer tokens for AGS and NRPS.
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeJwt, errors, jwtVerify } from "jose";
import { mediaTypeOf, readBody, sendError, sendJson } from "./http";
import type { PlatformState } from "./platform-state";
import { toolKeySet } from "./tool-keys";
import { JWT_BEARER } from "./vocabulary";

const TOKEN_SECONDS = 3600;

export async function tokenEndpoint(state: PlatformState, request: IncomingMessage, response: ServerResponse) {
  const refuse = (status: number, error: string, description: string) =>
    sendError(response, status, error, state.refuse(`token: ${description}`));
  if (request.method !== "POST") return refuse(405, "invalid_request", "the token endpoint takes POST");
  if (mediaTypeOf(request) !== "application/x-www-form-urlencoded")
    return refuse(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
  const form = new URLSearchParams(await readBody(request));
  if (form.get("grant_type") !== "client_credentials")
    return refuse(400, "unsupported_grant_type", "grant_type must be client_credentials");
  if (form.get("client_assertion_type") !== JWT_BEARER)
    return refuse(400, "invalid_request", `client_assertion_type must be ${JWT_BEARER}`);
  const assertion = form.get("client_assertion") ?? "";

  let clientId: string;
  try {
    clientId = String(decodeJwt(assertion).iss ?? "");
  } catch {
    return refuse(401, "invalid_client", "client_assertion is not a JWT");
  }
  const tool = state.toolByClientId(clientId);
  if (!tool) return refuse(401, "invalid_client", "the assertion's iss is not a registered client");
  let jti: string;
  try {
    const { payload } = await jwtVerify(assertion, toolKeySet(tool.jwksUri), {
      issuer: clientId,
      subject: clientId,
      audience: state.urls.token(),
      algorithms: ["RS256"],
      requiredClaims: ["exp", "iat", "jti"],
    });
    jti = String(payload.jti);
  } catch (error) {
    const reason = error instanceof errors.JOSEError ? `${error.code}: ${error.message}` : String(error);
    return refuse(401, "invalid_client", `client_assertion refused (${reason})`);
  }
  if (state.usedAssertionIds.has(jti)) return refuse(401, "invalid_client", "client_assertion jti was used before");
  state.usedAssertionIds.add(jti);

  const requested = (form.get("scope") ?? "").split(" ").filter((scope) => scope !== "");
  const granted = requested.filter((scope) => tool.scopes.includes(scope));
  if (granted.length === 0)
    return refuse(400, "invalid_scope", `none of the scopes asked for is allowed: ${requested.join(" ")}`);
  const accessToken = crypto.randomBytes(24).toString("base64url");
  state.accessTokens.set(accessToken, { clientId, scopes: granted, expiresAt: Date.now() + TOKEN_SECONDS * 1000 });
  sendJson(response, 200, {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: TOKEN_SECONDS,
    scope: granted.join(" "),
  });
}
