// The step between the picker and the platform: the picker posts its signed answer here (the site's
// policy lets its forms post nowhere else), and this page posts it on to the platform's return URL,
// under a policy of its own that lets a form post to that one origin (return-page-policy.ts).
import { otherMethods } from "@/lib/api/responses";
import { getCurrentUser } from "@/lib/auth";
import { escapeHtml, ltiLocaleOf, ltiPageResponse } from "@/lib/lti/lti-page";
import { ltiDeepLinkMessagesFor } from "@/lib/i18n/lti-deep-link-messages";
import { DeepLinkRefusedError, type DeepLinkRefusal } from "@/lib/lti/deep-linking/deep-link-refusal";
import { prepareReturnToPlatform } from "@/lib/lti/deep-linking/return-to-platform";
import { returnPagePolicy } from "@/lib/lti/deep-linking/return-page-policy";

type Params = { params: Promise<{ requestId: string }> };

/** Form fields larger than this are not an answer Gradient signed. */
const MAX_BODY_BYTES = 256 * 1024;

function refusalPage(request: Request, lang: "en" | "zh-CN", reason: DeepLinkRefusal, status: number): Response {
  const refusal = ltiDeepLinkMessagesFor(lang).refusals[reason];
  return ltiPageResponse({
    request,
    lang,
    status,
    title: refusal.title,
    bodyHtml: `<p>${escapeHtml(refusal.body)}</p>`,
  });
}

async function formOf(request: Request): Promise<FormData | null> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) return null;
  return request.formData().catch(() => null);
}

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const { requestId } = await params;
  const form = await formOf(request);
  const localeField = form?.get("locale");
  const lang = ltiLocaleOf(
    typeof localeField === "string" ? localeField : null,
    request.headers.get("accept-language"),
  );
  if (!form) return refusalPage(request, lang, "unconfirmed", 400);
  const user = await getCurrentUser();
  if (!user) return refusalPage(request, lang, "missing", 401);

  let answer;
  try {
    answer = await prepareReturnToPlatform({ userId: user.id, requestId, jwt: form.get("JWT") });
  } catch (error) {
    if (error instanceof DeepLinkRefusedError) return refusalPage(request, lang, error.reason, error.status);
    throw error;
  }

  const t = ltiDeepLinkMessagesFor(lang).returnPage;
  const bodyHtml = `<p>${escapeHtml(t.body(answer.platformName))}</p>
<form id="deep-link-return" method="post" action="${escapeHtml(answer.returnUrl)}">
<input type="hidden" name="JWT" value="${escapeHtml(answer.jwt)}">
<p class="muted">${escapeHtml(t.noScript)}</p>
<div class="actions"><button type="submit">${escapeHtml(t.button(answer.platformName))}</button></div>
</form>`;
  return ltiPageResponse({
    request,
    lang,
    title: t.title,
    bodyHtml,
    script: 'document.getElementById("deep-link-return").submit();',
    headers: {
      "content-security-policy": returnPagePolicy(request.headers.get("content-security-policy"), answer.returnUrl),
    },
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
