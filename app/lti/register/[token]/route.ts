// LTI Dynamic Registration 1.0: the address an admin's one-time link points to. The platform opens
// it (GET) with its openid_configuration; the admin checks the platform and confirms (POST), and
// Gradient registers itself with the platform. No Gradient session: the link's token is the secret.
import { readTextBody } from "@/lib/api/read-body";
import { otherMethods } from "@/lib/api/responses";
import { AppError } from "@/lib/errors";
import { completeDynamicRegistration } from "@/lib/lti/dynamic-registration";
import { ltiLocaleOf } from "@/lib/lti/lti-page";
import { RegistrationProblem } from "@/lib/lti/registration-problem";
import { startDynamicRegistration } from "@/lib/lti/start-dynamic-registration";
import { confirmationPage, problemPage, registeredPage } from "./registration-pages";

export const dynamic = "force-dynamic";

/** The confirmation carries two short fields; a registration token is a JWT of a few kB at most. */
const MAX_FORM_BYTES = 32 * 1024;

interface Context {
  params: Promise<{ token: string }>;
}

async function answer(request: Request, run: () => Promise<Response>): Promise<Response> {
  const lang = ltiLocaleOf(request.headers.get("accept-language"));
  try {
    return await run();
  } catch (error) {
    if (error instanceof RegistrationProblem) return problemPage({ request, lang, problem: error });
    // An oversized or undecodable confirmation is a malformed request, not the platform's fault.
    if (error instanceof AppError) return problemPage({ request, lang, problem: new RegistrationProblem("request") });
    throw error;
  }
}

export async function GET(request: Request, { params }: Context): Promise<Response> {
  return answer(request, async () => {
    const { token } = await params;
    const query = new URL(request.url).searchParams;
    const preview = await startDynamicRegistration({
      token,
      openidConfiguration: query.get("openid_configuration"),
      registrationToken: query.get("registration_token"),
    });
    return confirmationPage({
      request,
      lang: ltiLocaleOf(request.headers.get("accept-language")),
      preview,
      action: new URL(request.url).pathname,
    });
  });
}

export async function POST(request: Request, { params }: Context): Promise<Response> {
  return answer(request, async () => {
    const { token } = await params;
    const form = new URLSearchParams(await readTextBody(request, MAX_FORM_BYTES));
    const registered = await completeDynamicRegistration({
      token,
      openidConfiguration: form.get("openid_configuration"),
      registrationToken: form.get("registration_token"),
    });
    return registeredPage({ request, lang: ltiLocaleOf(request.headers.get("accept-language")), ...registered });
  });
}

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
