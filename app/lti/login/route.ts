// OIDC third-party login initiation (LTI 1.3): the platform sends the browser here, by GET or by a
// form POST, before every launch. The answer is a redirect to the platform's authorisation
// endpoint, or a page saying why the launch cannot start.
import { otherMethods } from "@/lib/api/responses";
import { logger } from "@/lib/log";
import { launchRefusalPage } from "@/lib/lti/launch-pages";
import { initiateLogin } from "@/lib/lti/login-initiation";
import { ltiLocaleOf } from "@/lib/lti/lti-page";

export const dynamic = "force-dynamic";

const log = logger.child({ component: "lti-login" });

/** The request's string parameters: the query for GET, the form (or, failing that, the query) for POST. */
async function paramsOf(request: Request): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URL(request.url).searchParams) params[name] = value;
  if (request.method === "POST") {
    const form = await request.formData().catch(() => null);
    form?.forEach((value, name) => {
      if (typeof value === "string") params[name] = value;
    });
  }
  return params;
}

async function login(request: Request): Promise<Response> {
  const params = await paramsOf(request);
  const result = await initiateLogin(params);
  if (!result.ok) {
    log.warn({ reason: result.reason, detail: result.detail, issuer: params.iss }, "LTI login refused");
    return launchRefusalPage(request, ltiLocaleOf(request.headers.get("accept-language")), result.reason);
  }
  return new Response(null, {
    status: 302,
    headers: { location: result.redirectUrl, "cache-control": "no-store" },
  });
}

export const GET = login;
export const POST = login;
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
