// The test platform's addresses, all under its issuer's path: which handler answers which request.
import type { IncomingMessage, ServerResponse } from "node:http";
import { agsEndpoint } from "./ags";
import { deepLinkingReturn } from "./deep-linking-return";
import { openidConfiguration, registerToolPage, registrationEndpoint } from "./dynamic-registration";
import { escapeHtml, htmlPage } from "./html";
import { sendHtml, sendJson } from "./http";
import { authorizationEndpoint, deepLinkingPage, loginInitiation, refusalPage, resourceLinkPage } from "./launch-flow";
import { membershipsEndpoint } from "./nrps";
import type { PlatformState } from "./platform-state";
import { tokenEndpoint } from "./token-endpoint";

export async function routeRequest(
  state: PlatformState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const base = new URL(state.base);
  const url = new URL(request.url ?? "/", base.origin);
  if (!url.pathname.startsWith(`${base.pathname}/`)) return refusalPage(response, 404, "not this platform");
  const parts = url.pathname
    .slice(base.pathname.length + 1)
    .split("/")
    .map(decodeURIComponent);
  const [first, second, third, fourth, fifth] = parts;
  switch (first) {
    case "jwks":
      return sendJson(response, 200, state.keys.jwks);
    case ".well-known":
      return sendJson(response, 200, openidConfiguration(state));
    case "auth":
      return authorizationEndpoint(state, request, response, url);
    case "token":
      return tokenEndpoint(state, request, response);
    case "register":
      return registrationEndpoint(state, request, response);
    case "frame":
      if (second === "login" && third) return loginInitiation(state, response, third);
      break;
    case "deep-link-return":
      if (second) return deepLinkingReturn(state, request, response, second);
      break;
    case "admin":
      if (second === "register-tool") return registerToolPage(state, response, url);
      if (second === "close-received" && request.method === "POST") {
        state.closeMessages += 1;
        response.writeHead(204).end();
        return;
      }
      break;
    case "course":
      if (!second) break;
      if (third === "link" && fourth) return resourceLinkPage(state, response, url, second, fourth);
      if (third === "deep-link") return deepLinkingPage(state, response, url, second);
      if (third === undefined) return coursePage(state, response, second);
      break;
    case "contexts":
      if (!second) break;
      if (third === "memberships") return membershipsEndpoint(state, request, response, url, second);
      if (third === "lineitems")
        return agsEndpoint(state, request, response, url, {
          contextId: second,
          lineItemId: fourth ?? null,
          isScores: fifth === "scores",
        });
      break;
  }
  refusalPage(response, 404, "no such page on the test LMS");
}

/** The course's home page: where launch_presentation.return_url leads. */
function coursePage(state: PlatformState, response: ServerResponse, contextId: string): void {
  const course = state.courses.get(contextId);
  if (!course) return refusalPage(response, 404, "no such course");
  sendHtml(response, 200, htmlPage(course.title, `<main><h1>${escapeHtml(course.title)}</h1></main>`));
}
