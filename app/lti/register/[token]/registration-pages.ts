// The pages of LTI Dynamic Registration that the platform shows in its frame or popup: the
// confirmation, the success that tells the platform to close, and every refusal. Plain HTML
// through lib/lti/lti-page.ts, since this is no page of the app and the visitor has no session.
import type { Locale } from "@/lib/courses/content-schema";
import { ltiAdminMessagesFor } from "@/lib/i18n/lti-admin-messages";
import { escapeHtml, ltiPageResponse } from "@/lib/lti/lti-page";
import type { RegistrationProblem } from "@/lib/lti/registration-problem";
import type { PlatformPreview } from "@/lib/lti/start-dynamic-registration";

/** Dynamic Registration 1.0 §3.7: the message that tells the platform the registration window is done. */
const CLOSE_SCRIPT = `(window.opener || window.parent).postMessage({ subject: "org.imsglobal.lti.close" }, "*");`;

/**
 * The page's own policy: the server's, except that any site may frame it. The platform opening
 * it is not registered yet, so it is on no list of frame ancestors; the link's secret token,
 * not the framing site, is what lets someone register, and nothing happens without the confirm button.
 */
function framableByAnySite(request: Request): Record<string, string> {
  const policy = request.headers.get("content-security-policy");
  if (!policy) return {};
  return { "content-security-policy": policy.replace(/frame-ancestors [^;]*/, "frame-ancestors *") };
}

const row = (term: string, value: string) => `<dt>${escapeHtml(term)}</dt><dd><code>${escapeHtml(value)}</code></dd>`;

export function confirmationPage({
  request,
  lang,
  preview,
  action,
}: {
  request: Request;
  lang: Locale;
  preview: PlatformPreview;
  /** The path the confirmation posts back to. */
  action: string;
}): Response {
  const t = ltiAdminMessagesFor(lang).register;
  const hidden = (name: string, value: string | null) =>
    value === null ? "" : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const bodyHtml = `
<p>${escapeHtml(t.confirmIntro)}</p>
<dl>
${row(t.platform, `${preview.productFamily} ${preview.version}`.trim())}
${row(t.issuer, preview.issuer)}
${row(t.authorizationEndpoint, preview.authorizationEndpoint)}
${row(t.tokenEndpoint, preview.tokenEndpoint)}
${row(t.jwksUri, preview.jwksUri)}
${row(t.registrationEndpoint, preview.registrationEndpoint)}
</dl>
<form method="post" action="${escapeHtml(action)}" class="actions">
${hidden("openid_configuration", preview.configurationUrl)}
${hidden("registration_token", preview.registrationToken)}
<button type="submit">${escapeHtml(t.confirm)}</button>
</form>`;
  return ltiPageResponse({ request, lang, title: t.confirmTitle, bodyHtml, headers: framableByAnySite(request) });
}

export function registeredPage({
  request,
  lang,
  name,
  clientId,
  deploymentId,
}: {
  request: Request;
  lang: Locale;
  name: string;
  clientId: string;
  deploymentId: string;
}): Response {
  const t = ltiAdminMessagesFor(lang).register;
  return ltiPageResponse({
    request,
    lang,
    title: t.doneTitle,
    bodyHtml: `<p role="status">${escapeHtml(t.doneBody(name, clientId, deploymentId))}</p>`,
    script: CLOSE_SCRIPT,
    headers: framableByAnySite(request),
  });
}

export function problemPage({
  request,
  lang,
  problem,
}: {
  request: Request;
  lang: Locale;
  problem: RegistrationProblem;
}): Response {
  const t = ltiAdminMessagesFor(lang).register;
  const detail = problem.detail
    ? `<p class="muted">${escapeHtml(t.detail)}: <code>${escapeHtml(problem.detail)}</code></p>`
    : "";
  // A bad link cannot be tried again; every other problem left the link as it was.
  const keep = problem.reason === "invite" ? "" : `<p>${escapeHtml(t.keepLink)}</p>`;
  return ltiPageResponse({
    request,
    lang,
    status: problem.status,
    title: t.problemTitle,
    bodyHtml: `<p role="alert">${escapeHtml(t.problems[problem.reason])}</p>${detail}${keep}`,
    headers: framableByAnySite(request),
  });
}
