// Token revocation (RFC 7009). Revoking a refresh token ends its grant, and with it every access
// token issued under it (§2.1); revoking an access token ends only that token. An unknown token,
// or another client's, is answered exactly like a revoked one, so nothing is learnt from the reply.
import { db } from "../db";
import { TOKEN_REQUESTS_PER_ADDRESS, hitRateLimit } from "../api/rate-limit";
import { authenticateClient } from "./authenticate-client";
import { OAuthError } from "./oauth-error";
import { hashSecret, isWellFormedSecret } from "./oauth-secrets";
import { revokeGrant } from "./revoke-grant";

export async function revokeToken({
  authorization,
  form,
  clientAddress,
}: {
  authorization: string | null;
  form: URLSearchParams;
  clientAddress: string;
}): Promise<void> {
  await hitRateLimit(TOKEN_REQUESTS_PER_ADDRESS, clientAddress);
  const client = await authenticateClient(authorization, form);
  const token = form.get("token");
  if (!token) throw new OAuthError("invalid_request", "token is required.");
  const hint = form.get("token_type_hint");
  if (hint !== null && hint !== "access_token" && hint !== "refresh_token")
    throw new OAuthError("unsupported_token_type", "token_type_hint must be access_token or refresh_token.");
  if (!isWellFormedSecret(token)) return;
  const row = await db.oAuthToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { id: true, kind: true, grant: { select: { id: true, clientId: true } } },
  });
  if (!row || row.grant.clientId !== client.id) return;
  if (row.kind === "REFRESH") await db.$transaction((tx) => revokeGrant(tx, row.grant.id, "client_revoked"));
  else await db.oAuthToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: new Date() } });
}
