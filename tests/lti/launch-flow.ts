// The launch, from the LMS page to the tool: the course page with the tool's iframe, the frame's
// OIDC third-party login initiation (LTI 1.3 Security Framework §5.1.1.1), and the platform's
// authorization endpoint, which answers the tool's authentication request with an id_token posted
// to the tool's redirect URI (§5.1.1.3).
import type { IncomingMessage, ServerResponse } from "node:http";
import { problemsWithAuthRequest } from "./auth-request";
import { autoSubmitPage, escapeHtml, htmlPage } from "./html";
import { parametersOf, sendHtml } from "./http";
import { deepLinkingClaims, resourceLinkClaims, signIdToken, type LaunchContext } from "./id-token";
import { fullName, newId, type Course, type PlatformUser, type ToolRegistration } from "./model";
import type { PendingLaunch, PlatformState } from "./platform-state";

export function refusalPage(response: ServerResponse, status: number, reason: string): void {
  sendHtml(
    response,
    status,
    htmlPage("Refused by the test LMS", `<main><h1>Refused by the test LMS</h1><p>${escapeHtml(reason)}</p></main>`),
  );
}

function lmsPage(options: {
  state: PlatformState;
  course: Course;
  user: PlatformUser;
  heading: string;
  frameSource: string;
  frameTitle: string;
}): string {
  const { course, user } = options;
  return htmlPage(
    `${options.heading} · ${course.title}`,
    `<header><strong>Test LMS</strong> · ${escapeHtml(course.title)} · signed in as ${escapeHtml(fullName(user))}</header>
<main>
<h1>${escapeHtml(options.heading)}</h1>
<iframe name="lti-tool" title="${escapeHtml(options.frameTitle)}" src="${escapeHtml(options.frameSource)}"></iframe>
</main>`,
  );
}

interface LmsVisit {
  course: Course;
  user: PlatformUser;
  tool: ToolRegistration;
  locale: string;
}

/** The course, the LMS's signed-in user (`as`, a test platform needs no sign-in) and the tool, or why not. */
function visitOf(state: PlatformState, contextId: string, url: URL): LmsVisit | string {
  const course = state.courses.get(contextId);
  if (!course) return "no such course";
  const user = state.users.get(url.searchParams.get("as") ?? "");
  if (!user || !course.members.some((member) => member.sub === user.sub)) return "not a member of this course";
  const tool = state.currentTool();
  if (!tool) return "no tool is registered";
  return { course, user, tool, locale: url.searchParams.get("locale") ?? "en" };
}

/** GET /course/<ctx>/link/<resource link>?as=<sub>: the LMS page of a placed activity, the tool in its iframe. */
export function resourceLinkPage(
  state: PlatformState,
  response: ServerResponse,
  url: URL,
  contextId: string,
  linkId: string,
): void {
  const visit = visitOf(state, contextId, url);
  if (typeof visit === "string") return refusalPage(response, 404, visit);
  const link = state.resourceLinks.get(linkId);
  if (!link || link.contextId !== contextId) return refusalPage(response, 404, "no such resource link");
  const hint = rememberLaunch(state, {
    kind: "resource-link",
    sub: visit.user.sub,
    contextId,
    resourceLinkId: link.id,
    clientId: visit.tool.clientId,
    locale: visit.locale,
  });
  sendHtml(
    response,
    200,
    lmsPage({
      state,
      course: visit.course,
      user: visit.user,
      heading: link.title,
      frameSource: `${state.base}/frame/login/${hint}`,
      frameTitle: `${link.title} (external tool)`,
    }),
  );
}

/** GET /course/<ctx>/deep-link?as=<sub>: the LMS's "add external content" page, the tool's picker in its iframe. */
export function deepLinkingPage(state: PlatformState, response: ServerResponse, url: URL, contextId: string): void {
  const visit = visitOf(state, contextId, url);
  if (typeof visit === "string") return refusalPage(response, 404, visit);
  const hint = rememberLaunch(state, {
    kind: "deep-linking",
    sub: visit.user.sub,
    contextId,
    resourceLinkId: null,
    clientId: visit.tool.clientId,
    locale: visit.locale,
  });
  sendHtml(
    response,
    200,
    lmsPage({
      state,
      course: visit.course,
      user: visit.user,
      heading: "Add external content",
      frameSource: `${state.base}/frame/login/${hint}`,
      frameTitle: "Choose content from the external tool",
    }),
  );
}

function rememberLaunch(state: PlatformState, launch: PendingLaunch): string {
  const hint = newId("launch");
  state.pendingLaunches.set(hint, launch);
  return hint;
}

function targetLinkUriOf(state: PlatformState, launch: PendingLaunch, tool: ToolRegistration): string {
  if (launch.kind === "deep-linking") return tool.deepLinkingUri ?? tool.targetLinkUri;
  const link = launch.resourceLinkId ? state.resourceLinks.get(launch.resourceLinkId) : undefined;
  return link?.url ?? tool.targetLinkUri;
}

/**
 * GET /frame/login/<hint>: inside the iframe, the third-party login initiation, a form posted to
 * the tool's login URL (resource links) or sent as a GET (deep linking): both are allowed.
 */
export function loginInitiation(state: PlatformState, response: ServerResponse, hint: string): void {
  const launch = state.pendingLaunches.get(hint);
  const tool = launch ? state.toolByClientId(launch.clientId) : undefined;
  if (!launch || !tool) return refusalPage(response, 404, "no such launch");
  sendHtml(
    response,
    200,
    autoSubmitPage({
      title: "Opening the tool",
      action: tool.initiateLoginUri,
      method: launch.kind === "deep-linking" ? "get" : "post",
      fields: {
        iss: state.issuer,
        login_hint: launch.sub,
        target_link_uri: targetLinkUriOf(state, launch, tool),
        lti_message_hint: hint,
        client_id: tool.clientId,
        lti_deployment_id: tool.deploymentId,
      },
    }),
  );
}

/** GET or POST /auth: the OIDC authorization endpoint; answers with the id_token posted to redirect_uri. */
export async function authorizationEndpoint(
  state: PlatformState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const parameters = await parametersOf(request, url);
  const hint = parameters.get("lti_message_hint") ?? "";
  const launch = state.pendingLaunches.get(hint);
  const tool = launch ? state.toolByClientId(launch.clientId) : undefined;
  if (!launch || !tool) return refusalPage(response, 400, state.refuse("auth: unknown lti_message_hint"));
  const problems = problemsWithAuthRequest(parameters, { tool, loginHint: launch.sub, messageHint: hint });
  if (problems.length > 0) return refusalPage(response, 400, state.refuse(`auth: ${problems.join("; ")}`));
  state.pendingLaunches.delete(hint);
  const redirectUri = parameters.get("redirect_uri") ?? "";
  const tamper = state.nextTamper;
  state.nextTamper = null;

  const replayed = tamper === "replayed-state" ? state.lastPostedLaunch : null;
  if (tamper === "replayed-state" && !replayed) throw new Error("a replay needs an earlier launch to replay");
  const posted = replayed
    ? { ...replayed, redirectUri }
    : {
        redirectUri,
        state: parameters.get("state") ?? "",
        idToken: await signIdToken({
          keys: state.keys,
          issuer: state.issuer,
          clientId: tool.clientId,
          nonce: parameters.get("nonce") ?? "",
          claims: claimsOf(state, launch, tool),
          tamper,
        }),
      };
  if (!tamper) state.lastPostedLaunch = posted;
  const fields: Record<string, string> = { id_token: posted.idToken };
  if (posted.state !== "") fields.state = posted.state;
  sendHtml(
    response,
    200,
    autoSubmitPage({ title: "Signing in to the tool", action: redirectUri, method: "post", fields }),
  );
}

function claimsOf(state: PlatformState, launch: PendingLaunch, tool: ToolRegistration): Record<string, unknown> {
  const course = state.courses.get(launch.contextId);
  const user = state.users.get(launch.sub);
  const member = course?.members.find((candidate) => candidate.sub === launch.sub);
  if (!course || !user || !member) throw new Error("the launch's course or user vanished");
  const context: LaunchContext = {
    issuer: state.issuer,
    clientId: tool.clientId,
    deploymentId: tool.deploymentId,
    user,
    role: member.role,
    course,
    serviceUrls: {
      lineItems: state.urls.lineItems(course.contextId),
      lineItem: (id) => state.urls.lineItem(course.contextId, id),
      memberships: state.urls.memberships(course.contextId),
    },
    locale: launch.locale,
    returnUrl: state.urls.coursePage(course.contextId),
  };
  const targetLinkUri = targetLinkUriOf(state, launch, tool);
  if (launch.kind === "resource-link") {
    const link = launch.resourceLinkId ? state.resourceLinks.get(launch.resourceLinkId) : undefined;
    if (!link) throw new Error("the launch's resource link vanished");
    return resourceLinkClaims(context, link, targetLinkUri);
  }
  const requestId = newId("deep-link");
  state.deepLinkingRequests.set(requestId, {
    contextId: course.contextId,
    sub: user.sub,
    clientId: tool.clientId,
    deploymentId: tool.deploymentId,
    data: requestId,
    isAnswered: false,
  });
  return deepLinkingClaims(context, targetLinkUri, {
    returnUrl: state.urls.deepLinkReturn(requestId),
    data: requestId,
  });
}
