// The last step of deep linking: the browser hands back the answer the picker's action signed, and
// gets a page that posts it to the platform. The answer is checked to be Gradient's own, for this
// request's platform and deployment, and recent, so this step reflects nothing but a genuine answer,
// and the address it posts to is the stored return URL, never one the browser names.
import { createLocalJWKSet, jwtVerify } from "jose";
import { z } from "zod";
import { listToolKeys } from "../tool-key";
import { CLAIM, MESSAGE_TYPE } from "../vocabulary";
import { DeepLinkRefusedError } from "./deep-link-refusal";
import { requireAnsweredDeepLinkRequest } from "./open-deep-link-request";
import { RESPONSE_LIFETIME_SECONDS } from "./sign-deep-linking-response";

const CompactJwtSchema = z
  .string()
  .max(200_000)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

export interface PlatformReturn {
  /** The platform's deep_link_return_url, from the stored request. */
  returnUrl: string;
  platformName: string;
  /** The answer to post as the JWT form parameter. */
  jwt: string;
}

export async function prepareReturnToPlatform({
  userId,
  requestId,
  jwt,
}: {
  userId: string;
  requestId: unknown;
  jwt: unknown;
}): Promise<PlatformReturn> {
  const request = await requireAnsweredDeepLinkRequest(userId, requestId);
  const compact = CompactJwtSchema.safeParse(jwt);
  if (!compact.success) throw new DeepLinkRefusedError("unconfirmed");
  const keys = await listToolKeys();
  try {
    const { payload } = await jwtVerify(compact.data, createLocalJWKSet({ keys: keys.map((key) => key.publicJwk) }), {
      algorithms: ["RS256"],
      issuer: request.platform.clientId,
      audience: request.platform.issuer,
      maxTokenAge: RESPONSE_LIFETIME_SECONDS,
    });
    const isThisRequest =
      payload[CLAIM.messageType] === MESSAGE_TYPE.deepLinkingResponse &&
      payload[CLAIM.deploymentId] === request.deploymentId &&
      payload[CLAIM.deepLinkingData] === request.settings.data;
    if (!isThisRequest) throw new DeepLinkRefusedError("unconfirmed");
  } catch (error) {
    if (error instanceof DeepLinkRefusedError) throw error;
    // jose's refusals (signature, expiry, issuer, audience) all mean the same here.
    throw new DeepLinkRefusedError("unconfirmed");
  }
  return { returnUrl: request.settings.deep_link_return_url, platformName: request.platform.name, jwt: compact.data };
}
