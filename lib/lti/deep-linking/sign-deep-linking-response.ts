// The LtiDeepLinkingResponse message (Deep Linking 2.0 §4.2): a JWT the tool signs with its own key,
// issued by the client id the platform gave Gradient, addressed to the platform's issuer, carrying
// the deployment, the content items, and the platform's opaque data returned as it came.
import crypto from "node:crypto";
import { signWithToolKey } from "../tool-key";
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from "../vocabulary";
import type { LtiResourceLinkItem } from "./content-items";
import type { OpenDeepLinkRequest } from "./open-deep-link-request";

/** A platform reads the answer at once; a few minutes cover a slow return page, not a replay later. */
export const RESPONSE_LIFETIME_SECONDS = 300;

export async function signDeepLinkingResponse({
  request,
  contentItems,
  message,
}: {
  request: OpenDeepLinkRequest;
  contentItems: LtiResourceLinkItem[];
  /** Shown to the instructor by the platform (the msg claim). */
  message?: string;
}): Promise<string> {
  return signWithToolKey(
    {
      iss: request.platform.clientId,
      aud: request.platform.issuer,
      nonce: crypto.randomUUID(),
      [CLAIM.deploymentId]: request.deploymentId,
      [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
      [CLAIM.version]: LTI_VERSION,
      [CLAIM.contentItems]: contentItems,
      // Required back whenever the request carried it (§4.2.3).
      ...(request.settings.data !== undefined ? { [CLAIM.deepLinkingData]: request.settings.data } : {}),
      ...(message ? { [CLAIM.deepLinkingMessage]: message } : {}),
    },
    { expiresInSeconds: RESPONSE_LIFETIME_SECONDS },
  );
}
