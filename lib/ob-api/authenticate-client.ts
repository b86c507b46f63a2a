// Client authentication at the token and revocation endpoints (RFC 6749 §2.3.1), by the method the
// client registered: HTTP Basic (client_secret_basic, Open Badges 3.0's default) or the secret in
// the form body (client_secret_post). Never both at once.
import { db } from "../db";
import { OAuthError } from "./oauth-error";
import { hashSecret, isSameHash, isWellFormedSecret } from "./oauth-secrets";

export interface AuthenticatedClient {
  id: string;
  clientId: string;
  grantTypes: string[];
}

/** The client_id and secret of a Basic header, each form-urlencoded as §2.3.1 says; null when malformed. */
function readBasic(header: string): { clientId: string; secret: string } | null {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]{1,500})\s*$/i.exec(header)?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, " "));
    return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

export async function authenticateClient(
  authorization: string | null,
  form: URLSearchParams,
): Promise<AuthenticatedClient> {
  const posted = form.get("client_secret");
  if (authorization && posted !== null)
    throw new OAuthError("invalid_request", "Authenticate the client one way only: Basic header or client_secret.");
  const method = authorization ? "client_secret_basic" : "client_secret_post";
  const credentials = authorization
    ? readBasic(authorization)
    : posted !== null
      ? { clientId: form.get("client_id") ?? "", secret: posted }
      : null;
  if (!credentials) throw new OAuthError("invalid_client", "Client authentication is missing or malformed.");
  if (authorization && form.has("client_id") && form.get("client_id") !== credentials.clientId)
    throw new OAuthError("invalid_request", "client_id in the body differs from the authenticated client.");
  const client =
    credentials.clientId.length <= 100
      ? await db.oAuthClient.findUnique({
          where: { clientId: credentials.clientId },
          select: { id: true, clientId: true, secretHash: true, tokenEndpointAuthMethod: true, grantTypes: true },
        })
      : null;
  const isSecretRight =
    client !== null &&
    isWellFormedSecret(credentials.secret) &&
    isSameHash(hashSecret(credentials.secret), client.secretHash);
  if (!client || !isSecretRight) throw new OAuthError("invalid_client", "Client authentication failed.");
  if (client.tokenEndpointAuthMethod !== method)
    throw new OAuthError(
      "invalid_client",
      `This client registered ${client.tokenEndpointAuthMethod}; authenticate that way.`,
    );
  return { id: client.id, clientId: client.clientId, grantTypes: client.grantTypes };
}
