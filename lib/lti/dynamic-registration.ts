import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { isUniqueViolation } from "../certificates/prisma-errors";
import { db } from "../db";
import { fetchPlatformJson, PlatformUnreachableError } from "./fetch-platform-json";
import { isAcceptablePlatformUrl, originOf } from "./platform-urls";
import { RegistrationProblem } from "./registration-problem";
import { spendInvite } from "./registration-invites";
import { startDynamicRegistration, type DynamicRegistrationRequest } from "./start-dynamic-registration";
import { toolRegistrationRequest } from "./tool-registration-request";
import { TOOL_CONFIGURATION } from "./vocabulary";

/** What Gradient needs from the platform's answer (§3.6): the client id and the deployment it made. */
const RegistrationResponseSchema = z.object({
  client_id: z.string().min(1).max(255),
  [TOOL_CONFIGURATION]: z.object({ deployment_id: z.string().min(1).max(255) }),
});

/**
 * The admin confirmed: the invite and the configuration are checked again (the page may have sat
 * open for hours), Gradient's registration is posted to the platform, and the platform is saved
 * with the client id and deployment it answered. The invite is spent in the same transaction, so a
 * refused or failed registration leaves it usable for another try.
 */
export async function completeDynamicRegistration(request: DynamicRegistrationRequest, now = new Date()) {
  const preview = await startDynamicRegistration(request, now);
  const { invite } = preview;
  const body = toolRegistrationRequest();
  let answer;
  try {
    answer = await fetchPlatformJson({
      url: preview.registrationEndpoint,
      method: "POST",
      bearer: preview.registrationToken,
      body,
    });
  } catch (error) {
    if (error instanceof PlatformUnreachableError) throw new RegistrationProblem("refused", error.message);
    throw error;
  }
  if (answer.status < 200 || answer.status > 299)
    throw new RegistrationProblem("refused", `HTTP ${answer.status}: ${answer.excerpt}`);
  const parsed = RegistrationResponseSchema.safeParse(answer.json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.map(String).join(".") || "answer";
    throw new RegistrationProblem("refused", `The platform's answer has no usable ${where}.`);
  }
  const clientId = parsed.data.client_id;
  const deploymentId = parsed.data[TOOL_CONFIGURATION].deployment_id;
  const { configuration } = preview;
  const authServer =
    configuration.authorization_server && isAcceptablePlatformUrl(configuration.authorization_server)
      ? configuration.authorization_server
      : null;
  const record = {
    issuer: preview.issuer,
    clientId,
    name: `${preview.productFamily} (${new URL(preview.issuer).host})`,
    authLoginUrl: preview.authorizationEndpoint,
    accessTokenUrl: preview.tokenEndpoint,
    jwksUrl: preview.jwksUri,
    authServer,
    frameOrigins: [...new Set([originOf(preview.issuer), originOf(preview.authorizationEndpoint)])],
    productFamily: preview.productFamily,
  };
  try {
    return await db.$transaction(async (tx) => {
      const platform = await tx.ltiPlatform.create({
        data: { ...record, registeredBy: "DYNAMIC", deployments: { create: [{ deploymentId }] } },
        select: { id: true, name: true },
      });
      await spendInvite(tx, invite.id, platform.id, now);
      await recordAudit({
        tx,
        // The admin who made the link answers for what it registered; the platform acted on it.
        actorId: invite.createdById,
        action: "lti.platform.register",
        targetType: "lti-platform",
        targetId: platform.id,
        details: { ...record, deploymentIds: [deploymentId], registeredBy: "DYNAMIC", inviteId: invite.id },
      });
      return { platformId: platform.id, name: platform.name, clientId, deploymentId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RegistrationProblem("duplicate", `${preview.issuer} · ${clientId}`);
    throw error;
  }
}
