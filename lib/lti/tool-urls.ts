// The addresses a platform needs to know Gradient by: listed on the admin page to paste into an LMS,
// sent in dynamic registration, and used by the launch flow itself. All under /lti, outside the
// language prefix, because platforms call them, not people.
import { publicUrl } from "../env";

export interface ToolUrls {
  /** OIDC third-party login initiation (GET or POST). */
  loginInitiation: string;
  /** Where the platform posts the id_token: the one redirect URI of every launch, deep linking included. */
  launch: string;
  /** The tool's public keys (RS256), current and retired. */
  jwks: string;
  /** The domain platforms ask for (Canvas, Moodle). */
  domain: string;
}

export function toolUrls(): ToolUrls {
  const base = new URL(publicUrl);
  return {
    loginInitiation: `${base.origin}/lti/login`,
    launch: `${base.origin}/lti/launch`,
    jwks: `${base.origin}/lti/jwks`,
    domain: base.host,
  };
}

/** The one-time address an admin hands a platform for LTI Dynamic Registration. */
export function dynamicRegistrationUrl(token: string): string {
  return `${new URL(publicUrl).origin}/lti/register/${encodeURIComponent(token)}`;
}
