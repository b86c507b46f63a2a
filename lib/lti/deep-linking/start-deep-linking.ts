// The first step of Deep Linking 2.0 on Gradient's side: a platform's LtiDeepLinkingRequest, already
// validated by the launch (signature, nonce, deployment, a teaching role), is kept here while the
// instructor picks what to place, so the picker page and its answer need nothing from the id_token.
import { z } from "zod";
import { DeepLinkingSettingsSchema, type DeepLinkingSettings } from "../claims";
import { db } from "../../db";

/** Long enough to browse the catalogue; short enough that a forgotten tab cannot answer much later. */
export const DEEP_LINK_REQUEST_TTL_MS = 30 * 60 * 1000;

const StartDeepLinkingSchema = z.object({
  platformId: z.string().min(1).max(100),
  deploymentId: z.string().min(1).max(255),
  userId: z.string().min(1).max(100),
  ltiContextId: z.string().min(1).max(100).nullable(),
  settings: DeepLinkingSettingsSchema,
});

/** Stores the request and returns the picker's path, without the language prefix: `/lti/deep-link/<id>`. */
export async function startDeepLinking(input: {
  platformId: string;
  deploymentId: string;
  userId: string;
  ltiContextId: string | null;
  settings: DeepLinkingSettings;
}): Promise<string> {
  const { platformId, deploymentId, userId, ltiContextId, settings } = StartDeepLinkingSchema.parse(input);
  const request = await db.ltiDeepLinkRequest.create({
    data: {
      platformId,
      deploymentId,
      userId,
      ltiContextId,
      settings,
      expiresAt: new Date(Date.now() + DEEP_LINK_REQUEST_TTL_MS),
    },
    select: { id: true },
  });
  return `/lti/deep-link/${request.id}`;
}
