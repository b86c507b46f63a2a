// LTI Dynamic Registration 1.0 on the test platform: the OpenID configuration a tool reads (§3.4),
// the registration endpoint it posts its client registration to with the one-time registration
// token as bearer (§3.5), and the LMS admin page that opens the tool's registration URL in an
// iframe and waits for its org.imsglobal.lti.close message (§3.6).
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { escapeHtml, htmlPage } from "./html";
import { bearerTokenOf, mediaTypeOf, readBody, sendError, sendHtml, sendJson } from "./http";
import { newId, type ToolRegistration } from "./model";
import type { PlatformState } from "./platform-state";
import { CLOSE_SUBJECT, PLATFORM_CONFIGURATION, SCOPES, TOOL_CONFIGURATION } from "./vocabulary";

const ALLOWED_SCOPES: string[] = Object.values(SCOPES);

export function openidConfiguration(state: PlatformState) {
  return {
    issuer: state.issuer,
    authorization_endpoint: state.urls.authorization(),
    token_endpoint: state.urls.token(),
    token_endpoint_auth_methods_supported: ["private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: ["RS256"],
    jwks_uri: state.urls.jwks(),
    registration_endpoint: state.urls.registration(),
    scopes_supported: ["openid", ...ALLOWED_SCOPES],
    response_types_supported: ["id_token"],
    subject_types_supported: ["public", "pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    claims_supported: ["sub", "iss", "name", "given_name", "family_name", "email", "locale"],
    [PLATFORM_CONFIGURATION]: {
      product_family_code: "gradient-test-platform",
      version: "1.0",
      messages_supported: [
        { type: "LtiResourceLinkRequest" },
        { type: "LtiDeepLinkingRequest", placements: ["ContentArea"] },
      ],
      variables: [],
    },
  };
}

const httpUrl = z.url({ protocol: /^https?$/ });

const MessageSchema = z.object({
  type: z.enum(["LtiResourceLinkRequest", "LtiDeepLinkingRequest"]),
  target_link_uri: httpUrl.optional(),
  label: z.string().optional(),
});

export const ClientRegistrationSchema = z.object({
  application_type: z.literal("web"),
  response_types: z.array(z.string()).refine((types) => types.includes("id_token"), "must include id_token"),
  grant_types: z
    .array(z.string())
    .refine((grants) => grants.includes("implicit") && grants.includes("client_credentials"), {
      message: "must include implicit and client_credentials",
    }),
  initiate_login_uri: httpUrl,
  redirect_uris: z.array(httpUrl).min(1),
  client_name: z.string().min(1),
  jwks_uri: httpUrl,
  logo_uri: httpUrl.optional(),
  token_endpoint_auth_method: z.literal("private_key_jwt"),
  scope: z.string().optional(),
  [TOOL_CONFIGURATION]: z.object({
    domain: z.string().min(1),
    target_link_uri: httpUrl,
    description: z.string().optional(),
    claims: z.array(z.string()).optional(),
    messages: z.array(MessageSchema).optional(),
  }),
});

/** Where the tool's URLs point outside the domain it declared. */
function urlsOutsideDomain(registration: z.infer<typeof ClientRegistrationSchema>): string[] {
  const domain = registration[TOOL_CONFIGURATION].domain;
  const urls = [
    registration.initiate_login_uri,
    registration.jwks_uri,
    registration[TOOL_CONFIGURATION].target_link_uri,
    ...registration.redirect_uris,
  ];
  return urls.filter((url) => ![new URL(url).host, new URL(url).hostname].includes(domain));
}

/** POST /register */
export async function registrationEndpoint(state: PlatformState, request: IncomingMessage, response: ServerResponse) {
  const refuse = (status: number, error: string, reason: string) =>
    sendError(response, status, error, state.refuse(`registration: ${reason}`));
  if (request.method !== "POST") return refuse(405, "invalid_request", "registration takes POST");
  const token = bearerTokenOf(request);
  if (!token || !state.registrationTokens.has(token))
    return refuse(401, "invalid_token", "the registration token is missing, unknown or used");
  if (mediaTypeOf(request) !== "application/json") return refuse(400, "invalid_request", "the body must be JSON");
  let body: unknown;
  try {
    body = JSON.parse(await readBody(request)) as unknown;
  } catch {
    return refuse(400, "invalid_client_metadata", "the body is not JSON");
  }
  const parsed = ClientRegistrationSchema.safeParse(body);
  if (!parsed.success)
    return refuse(
      400,
      "invalid_client_metadata",
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
    );
  const outside = urlsOutsideDomain(parsed.data);
  if (outside.length > 0)
    return refuse(400, "invalid_client_metadata", `URLs outside the tool's domain: ${outside.join(", ")}`);
  state.registrationTokens.delete(token);

  const configuration = parsed.data[TOOL_CONFIGURATION];
  const requestedScopes = (parsed.data.scope ?? "").split(" ").filter((scope) => scope !== "");
  const tool: ToolRegistration = {
    clientId: newId("client"),
    deploymentId: newId("deployment"),
    name: parsed.data.client_name,
    initiateLoginUri: parsed.data.initiate_login_uri,
    redirectUris: parsed.data.redirect_uris,
    jwksUri: parsed.data.jwks_uri,
    targetLinkUri: configuration.target_link_uri,
    deepLinkingUri:
      configuration.messages?.find((message) => message.type === "LtiDeepLinkingRequest")?.target_link_uri ?? null,
    scopes: requestedScopes.filter((scope) => ALLOWED_SCOPES.includes(scope)),
    registeredBy: "dynamic",
    request: body,
  };
  state.tools.push(tool);
  sendJson(response, 200, {
    ...parsed.data,
    client_id: tool.clientId,
    scope: tool.scopes.join(" "),
    [TOOL_CONFIGURATION]: { ...configuration, deployment_id: tool.deploymentId },
  });
}

/**
 * GET /admin/register-tool?url=<the tool's registration URL>: the LMS admin's "register a tool"
 * page. The registration window is an iframe; the tool's close message ends it.
 */
export function registerToolPage(state: PlatformState, response: ServerResponse, url: URL): void {
  const registrationUrl = url.searchParams.get("url") ?? "";
  if (!httpUrl.safeParse(registrationUrl).success) {
    sendHtml(response, 400, htmlPage("Bad registration URL", "<main><h1>Bad registration URL</h1></main>"));
    return;
  }
  const registrationToken = crypto.randomBytes(24).toString("base64url");
  state.registrationTokens.add(registrationToken);
  const frameUrl = new URL(registrationUrl);
  frameUrl.searchParams.set("openid_configuration", state.urls.openidConfiguration());
  frameUrl.searchParams.set("registration_token", registrationToken);
  const toolOrigin = frameUrl.origin;
  sendHtml(
    response,
    200,
    htmlPage(
      "Register an LTI tool",
      `<header><strong>Test LMS</strong> · Administration</header>
<main>
<h1>Register an LTI tool</h1>
<p id="registration-status" role="status">Waiting for the tool to finish registering.</p>
<iframe name="lti-registration" title="Tool registration" src="${escapeHtml(frameUrl.href)}"></iframe>
</main>`,
      `window.addEventListener("message", (event) => {
  if (event.origin !== ${JSON.stringify(toolOrigin)}) return;
  if (!event.data || event.data.subject !== ${JSON.stringify(CLOSE_SUBJECT)}) return;
  document.getElementById("registration-status").textContent = "The tool closed the registration window.";
  document.querySelector("iframe[name=lti-registration]").remove();
  fetch(${JSON.stringify(`${state.base}/admin/close-received`)}, { method: "POST" });
});`,
    ),
  );
}
