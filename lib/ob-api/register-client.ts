// OAuth 2.0 Dynamic Client Registration (RFC 7591) without an initial access token, as Open Badges
// 3.0 requires. The secret is returned once and stored as its hash; it does not expire.
import { db } from "../db";
import { CLIENT_REGISTRATIONS_PER_ADDRESS, hitRateLimit } from "../api/rate-limit";
import { readClientMetadata, type ClientMetadata } from "./client-metadata";
import { hashSecret, randomSecret } from "./oauth-secrets";

export type ClientRegistration = ClientMetadata & {
  client_id: string;
  client_secret: string;
  client_id_issued_at: number;
  client_secret_expires_at: 0;
};

export async function registerClient({
  input,
  clientAddress,
}: {
  input: unknown;
  clientAddress: string;
}): Promise<ClientRegistration> {
  await hitRateLimit(CLIENT_REGISTRATIONS_PER_ADDRESS, clientAddress);
  const metadata = readClientMetadata(input);
  const clientId = randomSecret(16);
  const clientSecret = randomSecret();
  const client = await db.oAuthClient.create({
    data: {
      clientId,
      secretHash: hashSecret(clientSecret),
      name: metadata.client_name,
      clientUri: metadata.client_uri,
      logoUri: metadata.logo_uri,
      tosUri: metadata.tos_uri,
      policyUri: metadata.policy_uri,
      softwareId: metadata.software_id,
      softwareVersion: metadata.software_version,
      redirectUris: metadata.redirect_uris,
      scope: metadata.scope,
      tokenEndpointAuthMethod: metadata.token_endpoint_auth_method,
      grantTypes: metadata.grant_types,
      responseTypes: metadata.response_types,
      contacts: metadata.contacts,
    },
    select: { createdAt: true },
  });
  return {
    ...metadata,
    client_id: clientId,
    client_secret: clientSecret,
    client_id_issued_at: Math.floor(client.createdAt.getTime() / 1000),
    client_secret_expires_at: 0,
  };
}
