// The learner's answer on the consent page. The request is read again from its parameters, so
// nothing the browser sends back with the answer is trusted; approving records a grant and a
// short-lived, single-use code bound to the client, the redirect URI and the PKCE challenge.
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { ValidationError } from "../errors";
import { readAuthorizationRequest, redirectLocation, type AuthorizationQuery } from "./authorization-request";
import { hashSecret, randomSecret } from "./oauth-secrets";
import { joinScope } from "./scopes";

/** Open Badges 3.0 recommends 600 seconds. */
export const CODE_LIFETIME_SECONDS = 600;

/** Where to send the browser: the client's redirect URI with a code, or with access_denied. */
export async function decideAuthorization({
  user,
  query,
  isAllowed,
}: {
  user: CurrentUser;
  query: AuthorizationQuery;
  isAllowed: boolean;
}): Promise<string> {
  const reading = await readAuthorizationRequest(query);
  if (reading.kind === "show-error") throw new ValidationError("This authorization request is not valid.");
  if (reading.kind === "redirect") return reading.location;
  const { request } = reading;
  if (!isAllowed)
    return redirectLocation(request.redirectUri, {
      error: "access_denied",
      error_description: "The learner did not allow access.",
      state: request.state,
    });
  const code = randomSecret();
  const scope = joinScope(request.scopes);
  await db.oAuthGrant.create({
    data: {
      clientId: request.clientRowId,
      userId: user.id,
      scope,
      codes: {
        create: {
          codeHash: hashSecret(code),
          redirectUri: request.redirectUri,
          codeChallenge: request.codeChallenge,
          expiresAt: new Date(Date.now() + CODE_LIFETIME_SECONDS * 1000),
        },
      },
    },
  });
  return redirectLocation(request.redirectUri, { code, scope, state: request.state });
}
