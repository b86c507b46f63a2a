// A target address (lib/lti/targets.ts) opened outside a launch: someone followed the link itself,
// or a platform shows it. It leads to the page it names, in the visitor's language; signing in and
// enrolling are that page's business.
import { otherMethods } from "@/lib/api/responses";
import { NotFoundError } from "@/lib/errors";
import { chooseLocale, LOCALE_COOKIE } from "@/lib/i18n/locale-choice";
import { ltiLaunchMessagesFor } from "@/lib/i18n/lti-launch-messages";
import { escapeHtml, ltiPageResponse } from "@/lib/lti/lti-page";
import { LtiTargetSchema, resolveTarget } from "@/lib/lti/targets";

export const dynamic = "force-dynamic";

function cookieValue(request: Request, name: string): string | undefined {
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

export async function GET(request: Request, { params }: { params: Promise<{ target: string[] }> }): Promise<Response> {
  const lang = chooseLocale(cookieValue(request, LOCALE_COOKIE), null, request.headers.get("accept-language"));
  const [kind, courseSlug, slug, ...rest] = (await params).target;
  const target = rest.length === 0 ? LtiTargetSchema.safeParse({ kind, courseSlug, slug }) : null;
  try {
    if (!target?.success) throw new NotFoundError();
    const { pagePath } = await resolveTarget(target.data);
    return new Response(null, {
      status: 307,
      headers: { location: `/${lang}${pagePath}`, "cache-control": "no-store" },
    });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const text = ltiLaunchMessagesFor(lang);
    return ltiPageResponse({
      request,
      lang,
      status: 404,
      title: text.refusedTitle,
      bodyHtml: `<p>${escapeHtml(text.openTarget.notFound)}</p>`,
    });
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
