// Bearer tokens on the AGS and NRPS calls: a token the token endpoint issued, unexpired, whose
// granted scopes include one the call needs (AGS 2.0 §3.1, NRPS 2.0 §3.6.1).
import type { IncomingMessage } from "node:http";
import { bearerTokenOf } from "./http";
import type { AccessToken, PlatformState } from "./platform-state";

export function accessOf(
  state: PlatformState,
  request: IncomingMessage,
  anyOfScopes: readonly string[],
): { token: AccessToken } | { status: 401 | 403; reason: string } {
  const bearer = bearerTokenOf(request);
  const token = bearer ? state.accessTokens.get(bearer) : undefined;
  if (!token) return { status: 401, reason: "no valid bearer token" };
  if (token.expiresAt <= Date.now()) return { status: 401, reason: "the bearer token has expired" };
  if (!anyOfScopes.some((scope) => token.scopes.includes(scope)))
    return { status: 403, reason: `the token lacks the scope ${anyOfScopes.join(" or ")}` };
  return { token };
}
