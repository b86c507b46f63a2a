// The checks of LTI 1.3's security framework (§5.1.3) on a launch's id_token, in the order that
// keeps each answer meaningful: the state first (it names the platform, so a token never chooses
// the keys it is checked with), then the signature against that platform's JWKS, then issuer,
// audience, authorised party, times, nonce, deployment, message type and version, and the
// target_link_uri the login started with. Every failure comes back as a typed reason; jose's own
// errors never leave this file.
import { errors, jwtVerify, type JWTPayload } from "jose";
import { db } from "../db";
import { LaunchClaimsSchema, type LaunchClaims } from "./claims";
import { consumeLaunchState } from "./launch-state";
import type { LaunchRefusal, LaunchRefusalReason } from "./launch-errors";
import { PlatformKeysUnavailableError, platformKeySet } from "./platform-keys";
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from "./vocabulary";

/** Allowed difference between the platform's clock and ours, for exp, nbf and iat. */
export const CLOCK_TOLERANCE_SECONDS = 60;
/** A token issued longer ago than this is refused even before its exp: launches are posted at once. */
export const MAX_TOKEN_AGE_SECONDS = 10 * 60;

export interface LaunchPlatform {
  id: string;
  issuer: string;
  clientId: string;
  name: string;
}

export type LaunchValidation =
  | { ok: true; claims: LaunchClaims; platform: LaunchPlatform; deploymentId: string }
  | ({ ok: false; platformId?: string } & LaunchRefusal);

function refuse(reason: LaunchRefusalReason, detail: string, platformId?: string): LaunchValidation {
  return { ok: false, reason, detail, ...(platformId ? { platformId } : {}) };
}

/** What jwtVerify's failure means for the launch. */
function refusalOfVerifyError(error: unknown): { reason: LaunchRefusalReason; detail: string } {
  if (error instanceof PlatformKeysUnavailableError) return { reason: "keys_unavailable", detail: error.message };
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return { reason: "unknown_key", detail: "no single key of the platform's JWKS matches the token's kid" };
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return { reason: "bad_signature", detail: "the signature does not match the token's content" };
  if (error instanceof errors.JOSEAlgNotAllowed) return { reason: "wrong_algorithm", detail: "the token is not RS256" };
  if (error instanceof errors.JWTExpired) return { reason: "expired", detail: error.message };
  if (error instanceof errors.JWTClaimValidationFailed)
    return { reason: error.claim === "exp" ? "expired" : "bad_issue_time", detail: error.message };
  if (error instanceof errors.JOSEError)
    return { reason: "malformed_token", detail: `${error.code}: ${error.message}` };
  return { reason: "malformed_token", detail: error instanceof Error ? error.message : String(error) };
}

function audiencesOf(payload: JWTPayload): string[] {
  if (typeof payload.aud === "string") return [payload.aud];
  return Array.isArray(payload.aud) ? payload.aud : [];
}

/**
 * Validates a launch's id_token against the state it came back with, consuming the state. The
 * state is spent even when a later check fails: a refused launch starts again from the LMS.
 */
export async function validateLaunch({
  idToken,
  state,
  now = new Date(),
}: {
  idToken: string;
  state: string;
  now?: Date;
}): Promise<LaunchValidation> {
  const launchState = await consumeLaunchState(state, now);
  if (!launchState) return refuse("state_invalid", "the state is unknown, already used or expired");
  const platformId = launchState.platformId;
  const platform = await db.ltiPlatform.findUnique({
    where: { id: platformId },
    select: {
      id: true,
      issuer: true,
      clientId: true,
      name: true,
      jwksUrl: true,
      isEnabled: true,
      deployments: { select: { deploymentId: true } },
    },
  });
  if (!platform?.isEnabled) return refuse("unknown_platform", "the platform was removed or disabled", platformId);

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, platformKeySet(platform.jwksUrl), {
      algorithms: ["RS256"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "iat"],
      currentDate: now,
    }));
  } catch (error) {
    const { reason, detail } = refusalOfVerifyError(error);
    return refuse(reason, detail, platformId);
  }

  if (payload.iss !== platform.issuer)
    return refuse("wrong_issuer", `iss ${String(payload.iss)} is not ${platform.issuer}`, platformId);
  const audiences = audiencesOf(payload);
  if (!audiences.includes(platform.clientId))
    return refuse("wrong_audience", `aud ${audiences.join(" ")} does not hold ${platform.clientId}`, platformId);
  // LTI 1.3 security framework §5.1.3 items 4 and 5: azp is required with several audiences, and must be us.
  const azp: unknown = payload.azp;
  if ((audiences.length > 1 || azp !== undefined) && azp !== platform.clientId)
    return refuse("wrong_azp", `azp ${String(azp)} is not ${platform.clientId}`, platformId);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const issuedAt = payload.iat ?? 0;
  if (issuedAt > nowSeconds + CLOCK_TOLERANCE_SECONDS)
    return refuse("bad_issue_time", `iat ${issuedAt} is in the future`, platformId);
  if (nowSeconds - issuedAt > MAX_TOKEN_AGE_SECONDS + CLOCK_TOLERANCE_SECONDS)
    return refuse("bad_issue_time", `iat ${issuedAt} is more than ${MAX_TOKEN_AGE_SECONDS} s old`, platformId);
  if (payload.nonce !== launchState.nonce)
    return refuse("wrong_nonce", "the nonce is not the one sent with this state", platformId);

  const deploymentId = payload[CLAIM.deploymentId];
  if (typeof deploymentId !== "string" || !platform.deployments.some((row) => row.deploymentId === deploymentId))
    return refuse("unregistered_deployment", `deployment ${String(deploymentId)} is not registered`, platformId);
  const messageType = payload[CLAIM.messageType];
  if (messageType !== MESSAGE_TYPE.resourceLink && messageType !== MESSAGE_TYPE.deepLinkingRequest)
    return refuse("unsupported_message", `message type ${String(messageType)}`, platformId);
  if (payload[CLAIM.version] !== LTI_VERSION)
    return refuse("wrong_version", `LTI version ${String(payload[CLAIM.version])}`, platformId);
  const parsed = LaunchClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    return refuse("invalid_claims", issues, platformId);
  }
  // The link the login started for must be the one launched (a resource link always names it).
  const launchedTarget = payload[CLAIM.targetLinkUri];
  if (
    (messageType === MESSAGE_TYPE.resourceLink || launchedTarget !== undefined) &&
    launchedTarget !== launchState.targetLinkUri
  )
    return refuse(
      "target_mismatch",
      `target_link_uri ${String(launchedTarget)} is not ${launchState.targetLinkUri}`,
      platformId,
    );

  const { id, issuer, clientId, name } = platform;
  return { ok: true, claims: parsed.data, platform: { id, issuer, clientId, name }, deploymentId };
}
