// The platform's OpenID configuration as LTI Dynamic Registration 1.0 §3.4–3.5 describes it: the
// OpenID Connect discovery document of the LMS, with its LTI platform configuration member. Fetched
// from the address the platform opened Gradient's registration link with, and checked before
// anything is shown to the admin or sent to the platform.
import { z } from "zod";
import { fetchPlatformJson, PlatformUnreachableError } from "./fetch-platform-json";
import { isAcceptablePlatformUrl } from "./platform-urls";
import { RegistrationProblem } from "./registration-problem";
import { PLATFORM_CONFIGURATION } from "./vocabulary";

const EndpointSchema = z
  .string()
  .max(2000)
  .refine(isAcceptablePlatformUrl, "must be an https URL (http only on localhost)");

export const PlatformConfigurationSchema = z.object({
  /** The platform's issuer: the iss of its id_tokens. */
  issuer: EndpointSchema,
  /** Where login initiation sends the browser (the OIDC authorisation endpoint). */
  authorization_endpoint: EndpointSchema,
  /** The OAuth 2.0 token endpoint for the services (AGS, NRPS). */
  token_endpoint: EndpointSchema,
  /** The platform's public keys. */
  jwks_uri: EndpointSchema,
  /** Where the tool posts its registration. */
  registration_endpoint: EndpointSchema,
  /** The audience of client assertions, when not the token endpoint. */
  authorization_server: z.string().max(2000).optional(),
  scopes_supported: z.array(z.string().max(300)).max(200).optional(),
  [PLATFORM_CONFIGURATION]: z.object({
    /** canvas, moodle, ... */
    product_family_code: z.string().min(1).max(100),
    version: z.string().max(100),
    messages_supported: z
      .array(z.object({ type: z.string().max(100), placements: z.array(z.string().max(100)).max(50).optional() }))
      .max(50)
      .optional(),
  }),
});
export type PlatformConfiguration = z.infer<typeof PlatformConfigurationSchema>;

/** The openid_configuration parameter, as an address Gradient may fetch. */
export function readConfigurationUrl(value: unknown): string {
  if (typeof value !== "string" || !isAcceptablePlatformUrl(value))
    throw new RegistrationProblem("request", "openid_configuration must be an https URL (http only on localhost).");
  return value;
}

/**
 * Fetches and checks the platform's configuration. The issuer must be on the site that served the
 * document (§3.5.1): otherwise any site could pass itself off as another platform's issuer.
 */
export async function fetchPlatformConfiguration({
  url,
  registrationToken,
}: {
  url: string;
  registrationToken: string | null;
}): Promise<PlatformConfiguration> {
  let answer;
  try {
    // Some platforms (Moodle) want the registration token here too, as a bearer.
    answer = await fetchPlatformJson({ url, bearer: registrationToken });
  } catch (error) {
    if (error instanceof PlatformUnreachableError) throw new RegistrationProblem("unreachable", error.message);
    throw error;
  }
  if (answer.status < 200 || answer.status > 299)
    throw new RegistrationProblem("unreachable", `HTTP ${answer.status}: ${answer.excerpt}`);
  if (answer.json === undefined) throw new RegistrationProblem("configuration", "The answer is not JSON.");
  const parsed = PlatformConfigurationSchema.safeParse(answer.json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join(".") || "configuration";
    throw new RegistrationProblem("configuration", `${where}: ${issue?.message ?? "not valid"}`);
  }
  const configuration = parsed.data;
  if (new URL(configuration.issuer).origin !== new URL(url).origin)
    throw new RegistrationProblem("issuer", `${configuration.issuer} is not on ${new URL(url).origin}.`);
  return configuration;
}
