// Why a dynamic registration could not go ahead, as the page the platform opened explains it. The
// reason picks the bilingual text (lib/i18n/lti-admin-messages.ts); the detail, when there is one,
// is what the platform itself answered or which check failed, shown as is for the admin to report.
import { AppError } from "../errors";

export type RegistrationProblemReason =
  /** The link is unknown, used or expired. */
  | "invite"
  /** The platform opened the link without a usable openid_configuration address. */
  | "request"
  /** The platform's configuration could not be fetched (network, timeout, size, not JSON, HTTP error). */
  | "unreachable"
  /** The configuration was fetched but is not an LTI platform configuration. */
  | "configuration"
  /** The configuration's issuer is not on the site that served it. */
  | "issuer"
  /** The platform refused the registration, or answered it with something unusable. */
  | "refused"
  /** The platform handed out a client id already registered for its issuer. */
  | "duplicate";

const STATUS: Record<RegistrationProblemReason, number> = {
  invite: 403,
  request: 400,
  unreachable: 502,
  configuration: 502,
  issuer: 400,
  refused: 502,
  duplicate: 409,
};

export class RegistrationProblem extends AppError {
  constructor(
    readonly reason: RegistrationProblemReason,
    readonly detail: string | null = null,
  ) {
    super(
      `Dynamic registration stopped (${reason})${detail ? `: ${detail}` : "."}`,
      STATUS[reason],
      `lti_registration_${reason}`,
    );
  }
}
