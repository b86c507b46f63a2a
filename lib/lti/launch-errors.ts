// Why a launch was refused, as a closed list: the launch route words each reason for the person in
// the LMS frame (lib/i18n/lti-launch-messages.ts) and logs it for the administrator, and never shows
// a library's raw error (a jose message names claims and keys, which helps nobody at that moment).
import { AppError } from "../errors";

export const LAUNCH_REFUSAL_REASONS = [
  "bad_request",
  "platform_error",
  "unknown_platform",
  "ambiguous_platform",
  "state_invalid",
  "keys_unavailable",
  "unknown_key",
  "bad_signature",
  "malformed_token",
  "wrong_algorithm",
  "wrong_issuer",
  "wrong_audience",
  "wrong_azp",
  "expired",
  "bad_issue_time",
  "wrong_nonce",
  "unregistered_deployment",
  "unsupported_message",
  "wrong_version",
  "invalid_claims",
  "target_mismatch",
  "not_a_target",
  "unknown_target",
  "not_teaching",
] as const;
export type LaunchRefusalReason = (typeof LAUNCH_REFUSAL_REASONS)[number];

/** 400 for a request that is not a launch, 401 for one whose proof fails, 403 for one not allowed, 404 for a target gone. */
const STATUS: Record<LaunchRefusalReason, number> = {
  bad_request: 400,
  platform_error: 400,
  unknown_platform: 403,
  ambiguous_platform: 400,
  state_invalid: 401,
  keys_unavailable: 401,
  unknown_key: 401,
  bad_signature: 401,
  malformed_token: 401,
  wrong_algorithm: 401,
  wrong_issuer: 401,
  wrong_audience: 401,
  wrong_azp: 401,
  expired: 401,
  bad_issue_time: 401,
  wrong_nonce: 401,
  unregistered_deployment: 403,
  unsupported_message: 400,
  wrong_version: 400,
  invalid_claims: 400,
  target_mismatch: 401,
  not_a_target: 400,
  unknown_target: 404,
  not_teaching: 403,
};

export function launchRefusalStatus(reason: LaunchRefusalReason): number {
  return STATUS[reason];
}

/** A refusal with what the log needs (never shown to the visitor, who gets the worded reason). */
export interface LaunchRefusal {
  reason: LaunchRefusalReason;
  /** For the log: which value failed and how. */
  detail: string;
}

/** Thrown by the steps after validation (target, deep linking role); the launch route turns it into its page. */
export class LaunchRefusedError extends AppError {
  constructor(
    readonly reason: LaunchRefusalReason,
    readonly detail: string,
  ) {
    super(`LTI launch refused (${reason}): ${detail}`, STATUS[reason], `lti_${reason}`);
  }
}
