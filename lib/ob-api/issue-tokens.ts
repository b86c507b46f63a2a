// Access and refresh tokens for a grant. Lifetimes follow Open Badges 3.0's recommendation for access
// tokens (an hour); a refresh token lasts a month and is replaced every time it is used.
import type { Prisma } from "../generated/prisma/client";
import { hashSecret, randomSecret } from "./oauth-secrets";

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
export const REFRESH_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;

export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

export async function issueTokens(
  tx: Prisma.TransactionClient,
  { grantId, scope, withRefreshToken }: { grantId: string; scope: string; withRefreshToken: boolean },
): Promise<TokenResponse> {
  const now = Date.now();
  const accessToken = randomSecret();
  const refreshToken = withRefreshToken ? randomSecret() : undefined;
  await tx.oAuthToken.createMany({
    data: [
      {
        tokenHash: hashSecret(accessToken),
        kind: "ACCESS",
        grantId,
        scope,
        expiresAt: new Date(now + ACCESS_TOKEN_LIFETIME_SECONDS * 1000),
      },
      ...(refreshToken
        ? [
            {
              tokenHash: hashSecret(refreshToken),
              kind: "REFRESH" as const,
              grantId,
              scope,
              expiresAt: new Date(now + REFRESH_TOKEN_LIFETIME_SECONDS * 1000),
            },
          ]
        : []),
    ],
  });
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    scope,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
}
