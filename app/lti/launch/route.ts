// The LTI 1.3 launch: the platform's authorisation endpoint posts the id_token here (form_post).
// Every check of the security framework runs in lib/lti/validate-launch.ts; what the launch then
// does (account, enrolment, placement, or the deep linking picker) in lib/lti/complete-*.ts. The
// answer signs the user in inside the LMS's frame, with a first-party fallback.
import { z } from "zod";
import { otherMethods } from "@/lib/api/responses";
import { logger } from "@/lib/log";
import { completeDeepLinkingLaunch } from "@/lib/lti/complete-deep-linking-launch";
import {
  completeResourceLinkLaunch,
  isResourceLinkLaunch,
  launchLocaleOf,
  type CompletedLaunch,
} from "@/lib/lti/complete-launch";
import { LaunchRefusedError } from "@/lib/lti/launch-errors";
import { launchOpeningPage, launchRefusalPage } from "@/lib/lti/launch-pages";
import { ltiLocaleOf } from "@/lib/lti/lti-page";
import { framedSessionCookie } from "@/lib/lti/session-cookie";
import { createSessionTicket } from "@/lib/lti/session-ticket";
import { validateLaunch } from "@/lib/lti/validate-launch";
import { CLAIM } from "@/lib/lti/vocabulary";

export const dynamic = "force-dynamic";

const log = logger.child({ component: "lti-launch" });

const LaunchFormSchema = z.object({
  id_token: z.string().min(1).max(200_000),
  state: z.string().min(1).max(500),
});

/** An OIDC error response: the platform could not (or would not) sign the user in. */
const PlatformErrorSchema = z.object({
  error: z.string().min(1).max(200),
  error_description: z.string().max(2000).optional(),
});

export async function POST(request: Request): Promise<Response> {
  const browserLang = ltiLocaleOf(request.headers.get("accept-language"));
  const form = await request.formData().catch(() => null);
  const fields: Record<string, string> = {};
  form?.forEach((value, name) => {
    if (typeof value === "string") fields[name] = value;
  });

  const platformError = PlatformErrorSchema.safeParse(fields);
  if (platformError.success) {
    log.warn({ reason: "platform_error", ...platformError.data }, "LTI launch refused");
    return launchRefusalPage(request, browserLang, "platform_error");
  }
  const parsed = LaunchFormSchema.safeParse(fields);
  if (!parsed.success) {
    log.warn({ reason: "bad_request", fields: Object.keys(fields) }, "LTI launch refused");
    return launchRefusalPage(request, browserLang, "bad_request");
  }

  const validation = await validateLaunch({ idToken: parsed.data.id_token, state: parsed.data.state });
  if (!validation.ok) {
    const { reason, detail, platformId } = validation;
    log.warn({ reason, detail, platformId }, "LTI launch refused");
    return launchRefusalPage(request, browserLang, reason);
  }
  const { claims, platform, deploymentId } = validation;
  const lang = launchLocaleOf(claims) ?? browserLang;

  let completed: CompletedLaunch;
  try {
    completed = isResourceLinkLaunch(claims)
      ? await completeResourceLinkLaunch({ platform, deploymentId, claims })
      : await completeDeepLinkingLaunch({ platform, deploymentId, claims });
  } catch (error) {
    if (!(error instanceof LaunchRefusedError)) throw error;
    log.warn({ reason: error.reason, detail: error.detail, platformId: platform.id }, "LTI launch refused");
    return launchRefusalPage(request, lang, error.reason);
  }

  const pagePath = `/${lang}${completed.pagePath}`;
  const ticket = await createSessionTicket({ userId: completed.account.id, targetPath: pagePath });
  log.info(
    { platformId: platform.id, userId: completed.account.id, messageType: claims[CLAIM.messageType] },
    "LTI launch",
  );
  return launchOpeningPage({
    request,
    lang,
    pagePath,
    continueUrl: `/lti/continue?ticket=${encodeURIComponent(ticket)}`,
    setCookie: await framedSessionCookie(completed.account),
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
