// OIDC third-party login initiation (LTI 1.3 Core §4.1, security framework §5.1.1): the platform
// names itself and the user it is launching; Gradient remembers a fresh state and nonce and sends
// the browser to the platform's authorisation endpoint, which posts the id_token back to /lti/launch.
import { z } from "zod";
import { db } from "../db";
import { publicUrl } from "../env";
import { logger } from "../log";
import type { LaunchRefusal } from "./launch-errors";
import { createLaunchState, deleteExpiredLaunchStates } from "./launch-state";
import { toolUrls } from "./tool-urls";

export const LoginInitiationSchema = z.object({
  iss: z.string().trim().min(1).max(2000),
  /** Opaque to the tool; returned as is so the platform knows whose login it is. */
  login_hint: z.string().min(1).max(4000),
  target_link_uri: z.url({ protocol: /^https?$/ }).max(2000),
  lti_message_hint: z.string().min(1).max(4000).optional(),
  client_id: z.string().trim().min(1).max(255).optional(),
  lti_deployment_id: z.string().trim().min(1).max(255).optional(),
});
export type LoginInitiationParams = z.infer<typeof LoginInitiationSchema>;

export type LoginInitiation = { ok: true; redirectUrl: string; platformId: string } | ({ ok: false } & LaunchRefusal);

const log = logger.child({ component: "lti-login" });

/** The platform's authorisation request for these login parameters, or why there is none. */
export async function initiateLogin(params: unknown, now = new Date()): Promise<LoginInitiation> {
  const parsed = LoginInitiationSchema.safeParse(params);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    return { ok: false, reason: "bad_request", detail };
  }
  const input = parsed.data;
  const platforms = await db.ltiPlatform.findMany({
    where: { issuer: input.iss, isEnabled: true, ...(input.client_id ? { clientId: input.client_id } : {}) },
    select: { id: true, clientId: true, authLoginUrl: true, deployments: { select: { deploymentId: true } } },
    take: 2,
  });
  const [platform, another] = platforms;
  if (!platform) return { ok: false, reason: "unknown_platform", detail: `no enabled platform ${input.iss}` };
  // Without client_id, two registrations of one issuer (two Canvas developer keys) cannot be told apart.
  if (another)
    return { ok: false, reason: "ambiguous_platform", detail: `several platforms ${input.iss}, no client_id` };
  if (input.lti_deployment_id && !platform.deployments.some((row) => row.deploymentId === input.lti_deployment_id))
    return { ok: false, reason: "unregistered_deployment", detail: `deployment ${input.lti_deployment_id}` };
  // The launch comes back to this site only; a target elsewhere would be a redirect nobody asked Gradient for.
  if (new URL(input.target_link_uri).origin !== new URL(publicUrl).origin)
    return {
      ok: false,
      reason: "not_a_target",
      detail: `target_link_uri ${input.target_link_uri} is not on this site`,
    };

  void deleteExpiredLaunchStates(now).catch((error: unknown) =>
    log.warn({ err: error }, "could not delete expired launch states"),
  );
  const { state, nonce } = await createLaunchState({
    platformId: platform.id,
    targetLinkUri: input.target_link_uri,
    now,
  });
  const redirect = new URL(platform.authLoginUrl);
  const query: Record<string, string | undefined> = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.clientId,
    redirect_uri: toolUrls().launch,
    login_hint: input.login_hint,
    lti_message_hint: input.lti_message_hint,
    state,
    nonce,
  };
  for (const [name, value] of Object.entries(query)) if (value !== undefined) redirect.searchParams.set(name, value);
  return { ok: true, redirectUrl: redirect.href, platformId: platform.id };
}
