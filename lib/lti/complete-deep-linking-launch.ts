// What a validated deep linking request does: only someone who teaches in the platform's course may
// place Gradient's activities there, so the request is refused for anyone else; the account and the
// context are kept as for a resource link, and the picker (lib/lti/deep-linking) takes it from there.
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import type { DeepLinkingClaims } from "./claims";
import { isTeachingLaunch, saveLaunchLocale, type CompletedLaunch, type LaunchInput } from "./complete-launch";
import { startDeepLinking } from "./deep-linking/start-deep-linking";
import { findOrCreateLtiAccount } from "./launch-account";
import { upsertLtiContext } from "./launch-context";
import { LaunchRefusedError } from "./launch-errors";
import { CLAIM } from "./vocabulary";

export async function completeDeepLinkingLaunch({
  platform,
  deploymentId,
  claims,
  now = new Date(),
}: LaunchInput<DeepLinkingClaims>): Promise<CompletedLaunch> {
  if (!isTeachingLaunch(claims))
    throw new LaunchRefusedError("not_teaching", `roles ${claims[CLAIM.roles].join(" ")} include no teaching role`);
  const account = await findOrCreateLtiAccount({ platformId: platform.id, claims, now });
  const ltiContextId = await db.$transaction(async (tx) => {
    const contextId = await upsertLtiContext(tx, { platformId: platform.id, deploymentId, claims });
    await recordAudit({
      tx,
      actorId: account.id,
      action: "lti.launch",
      targetType: contextId ? "LtiContext" : "LtiPlatform",
      targetId: contextId ?? platform.id,
      details: {
        platformId: platform.id,
        deploymentId,
        messageType: claims[CLAIM.messageType],
        contextId: claims[CLAIM.context]?.id ?? null,
        isNewAccount: account.isNew,
      },
    });
    return contextId;
  });
  const pagePath = await startDeepLinking({
    platformId: platform.id,
    deploymentId,
    userId: account.id,
    ltiContextId,
    settings: claims[CLAIM.deepLinkingSettings],
  });
  const locale = await saveLaunchLocale(account.id, claims);
  return { account: { id: account.id, name: account.name, email: account.email }, pagePath, locale };
}
