import type { CurrentUser } from "../auth";
import { UnauthenticatedError } from "../errors";
import { findTokenOwner } from "../api-tokens/find-token-owner";
import { clientAddressOf } from "./client-address";
import {
  API_REQUESTS_PER_ACCOUNT,
  API_REQUESTS_PER_ADDRESS,
  FAILED_TOKENS_PER_ADDRESS,
  hitRateLimit,
  hitRateLimits,
} from "./rate-limit";

const BEARER = /^Bearer\s+(\S+)\s*$/i;
/** Longer headers are not worth hashing: no token is this long. */
const MAX_AUTHORIZATION_LENGTH = 200;

/**
 * The user behind the request's `Authorization: Bearer <token>`, with their current role, after
 * the per-address and per-account limits. Throws 401 for a missing, malformed, unknown, revoked
 * or expired token alike, so a caller learns nothing about which tokens exist.
 */
export async function authenticateApiRequest(request: Request): Promise<CurrentUser> {
  const address = clientAddressOf(request);
  // An address that has used up its guesses is refused before its token is even looked at.
  await hitRateLimits([
    { rule: API_REQUESTS_PER_ADDRESS, subject: address },
    { rule: FAILED_TOKENS_PER_ADDRESS, subject: address, isPeek: true },
  ]);
  const header = request.headers.get("authorization");
  if (!header)
    throw new UnauthenticatedError(
      "Send a personal access token: `Authorization: Bearer gra_…`. Create one under Account → Tokens.",
    );

  const token = header.length <= MAX_AUTHORIZATION_LENGTH ? BEARER.exec(header)?.[1] : undefined;
  const user = token ? await findTokenOwner(token) : null;
  if (!user) {
    await hitRateLimit(FAILED_TOKENS_PER_ADDRESS, address);
    throw new UnauthenticatedError("That token is not valid: it may be mistyped, revoked or expired.");
  }
  await hitRateLimit(API_REQUESTS_PER_ACCOUNT, user.id);
  return user;
}
