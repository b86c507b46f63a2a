// The learner behind an Open Badges API request's bearer token (RFC 6750), if the token is live
// and its grant holds the scope the endpoint needs. Per-address limits stop token guessing.
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { AppError } from "../errors";
import { clientAddressOf } from "../api/client-address";
import { API_REQUESTS_PER_ADDRESS, FAILED_TOKENS_PER_ADDRESS, hitRateLimit, hitRateLimits } from "../api/rate-limit";
import { hashSecret, isWellFormedSecret } from "./oauth-secrets";
import { splitScope, type SupportedScope } from "./scopes";

/** A refused bearer token, with the WWW-Authenticate challenge RFC 6750 §3 asks for. */
export class BearerTokenError extends AppError {
  constructor(
    message: string,
    status: 401 | 403,
    readonly challenge: string,
  ) {
    super(message, status, status === 401 ? "unauthenticated" : "forbidden");
  }
}

const BEARER = /^Bearer\s+(\S{1,200})\s*$/i;

/** The token's learner, with the id their credentials name them by (`credentialSubject.id`). */
export type ObLearner = CurrentUser & { credentialSubjectId: string };

export async function authenticateObRequest(request: Request, scope: SupportedScope): Promise<ObLearner> {
  const address = clientAddressOf(request);
  await hitRateLimits([
    { rule: API_REQUESTS_PER_ADDRESS, subject: address },
    { rule: FAILED_TOKENS_PER_ADDRESS, subject: address, isPeek: true },
  ]);
  const header = request.headers.get("authorization");
  if (!header)
    throw new BearerTokenError("Send an access token: Authorization: Bearer <token>.", 401, 'Bearer realm="gradient"');
  const token = BEARER.exec(header)?.[1];
  const row =
    token && isWellFormedSecret(token)
      ? await db.oAuthToken.findUnique({
          where: { tokenHash: hashSecret(token) },
          select: {
            kind: true,
            scope: true,
            expiresAt: true,
            revokedAt: true,
            grant: {
              select: {
                revokedAt: true,
                user: { select: { id: true, email: true, name: true, role: true, credentialSubjectId: true } },
              },
            },
          },
        })
      : null;
  if (!row || row.kind !== "ACCESS" || row.revokedAt || row.grant.revokedAt || row.expiresAt <= new Date()) {
    await hitRateLimit(FAILED_TOKENS_PER_ADDRESS, address);
    throw new BearerTokenError(
      "The access token is invalid, expired or revoked.",
      401,
      'Bearer realm="gradient", error="invalid_token"',
    );
  }
  if (!splitScope(row.scope).includes(scope))
    throw new BearerTokenError(
      `The access token does not carry the scope ${scope}.`,
      403,
      `Bearer realm="gradient", error="insufficient_scope", scope="${scope}"`,
    );
  return row.grant.user;
}
