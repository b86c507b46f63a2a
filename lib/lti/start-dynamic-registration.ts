import { fetchPlatformConfiguration, readConfigurationUrl, type PlatformConfiguration } from "./platform-configuration";
import { findUsableInvite } from "./registration-invites";
import { PLATFORM_CONFIGURATION } from "./vocabulary";

export interface DynamicRegistrationRequest {
  /** The registration link's token (the path's last segment). */
  token: string;
  /** The openid_configuration parameter the platform opened the link with. */
  openidConfiguration: unknown;
  /** The registration_token parameter, when the platform sent one. */
  registrationToken: unknown;
}

export interface PlatformPreview {
  /** The invite the link names, still unused. */
  invite: { id: string; createdById: string };
  configurationUrl: string;
  registrationToken: string | null;
  issuer: string;
  productFamily: string;
  version: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  registrationEndpoint: string;
  configuration: PlatformConfiguration;
}

/** The registration_token parameter: absent, or an opaque string of sane length. */
export function readRegistrationToken(value: unknown): string | null {
  if (typeof value !== "string" || value === "") return null;
  return value.length <= 8000 ? value : null;
}

/**
 * The first step of LTI Dynamic Registration 1.0 (§3.3–3.5): the platform opened the link; the
 * invite is checked and the platform's configuration fetched and checked, for the admin to confirm.
 * Nothing is written: the admin may close the window and nothing has happened.
 */
export async function startDynamicRegistration(
  { token, openidConfiguration, registrationToken }: DynamicRegistrationRequest,
  now = new Date(),
): Promise<PlatformPreview> {
  const invite = await findUsableInvite(token, now);
  const configurationUrl = readConfigurationUrl(openidConfiguration);
  const bearer = readRegistrationToken(registrationToken);
  const configuration = await fetchPlatformConfiguration({ url: configurationUrl, registrationToken: bearer });
  const platform = configuration[PLATFORM_CONFIGURATION];
  return {
    invite,
    configurationUrl,
    registrationToken: bearer,
    issuer: configuration.issuer,
    productFamily: platform.product_family_code,
    version: platform.version,
    authorizationEndpoint: configuration.authorization_endpoint,
    tokenEndpoint: configuration.token_endpoint,
    jwksUri: configuration.jwks_uri,
    registrationEndpoint: configuration.registration_endpoint,
    configuration,
  };
}
