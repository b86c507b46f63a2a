// The one authorisation rule of every deep linking step: a request is answered only by the person
// whose launch started it, once, before it expires, for a platform still enabled, and only when the
// platform accepts what Gradient places (LTI resource links).
import { z } from "zod";
import { DeepLinkingSettingsSchema, type DeepLinkingSettings } from "../claims";
import { db } from "../../db";
import { DeepLinkRefusedError } from "./deep-link-refusal";

/** The content item type Gradient returns (Deep Linking 2.0 §3.1). */
export const LTI_RESOURCE_LINK_TYPE = "ltiResourceLink";

const RequestIdSchema = z.string().min(1).max(100);

export interface OpenDeepLinkRequest {
  id: string;
  deploymentId: string;
  expiresAt: Date;
  settings: DeepLinkingSettings;
  platform: { id: string; name: string; issuer: string; clientId: string };
}

const REQUEST_FIELDS = {
  id: true,
  userId: true,
  deploymentId: true,
  settings: true,
  expiresAt: true,
  usedAt: true,
  platform: { select: { id: true, name: true, issuer: true, clientId: true, isEnabled: true } },
} as const;

async function findOwnRequest(userId: string, requestId: unknown) {
  const id = RequestIdSchema.safeParse(requestId);
  if (!id.success) throw new DeepLinkRefusedError("missing");
  const request = await db.ltiDeepLinkRequest.findUnique({ where: { id: id.data }, select: REQUEST_FIELDS });
  if (!request || request.userId !== userId) throw new DeepLinkRefusedError("missing");
  if (!request.platform.isEnabled) throw new DeepLinkRefusedError("disabled");
  // Stored after validation at the launch; parsed again because a JSON column is not typed.
  const settings = DeepLinkingSettingsSchema.parse(request.settings);
  return { request, settings };
}

function toOpenRequest(
  request: Awaited<ReturnType<typeof findOwnRequest>>["request"],
  settings: DeepLinkingSettings,
): OpenDeepLinkRequest {
  const { platform } = request;
  return {
    id: request.id,
    deploymentId: request.deploymentId,
    expiresAt: request.expiresAt,
    settings,
    platform: { id: platform.id, name: platform.name, issuer: platform.issuer, clientId: platform.clientId },
  };
}

/** The user's own request, still unanswered and unexpired; DeepLinkRefusedError otherwise. */
export async function requireOpenDeepLinkRequest(userId: string, requestId: unknown): Promise<OpenDeepLinkRequest> {
  const { request, settings } = await findOwnRequest(userId, requestId);
  if (request.usedAt) throw new DeepLinkRefusedError("used");
  if (request.expiresAt.getTime() <= Date.now()) throw new DeepLinkRefusedError("expired");
  if (!settings.accept_types.includes(LTI_RESOURCE_LINK_TYPE)) throw new DeepLinkRefusedError("unsupported");
  return toOpenRequest(request, settings);
}

/**
 * The user's own request after its answer was signed: the return step posts that answer to the
 * platform, and must know where (the stored return URL, never one the browser names).
 */
export async function requireAnsweredDeepLinkRequest(userId: string, requestId: unknown): Promise<OpenDeepLinkRequest> {
  const { request, settings } = await findOwnRequest(userId, requestId);
  if (!request.usedAt) throw new DeepLinkRefusedError("missing");
  return toOpenRequest(request, settings);
}
