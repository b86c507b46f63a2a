// Names and Role Provisioning Services 2.0 on the test platform: the context membership container
// (§3.6), served a few members a page so a tool has to follow the Link rel="next" header (§3.6.3).
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendError, sendJson } from "./http";
import { fullName } from "./model";
import type { PlatformState } from "./platform-state";
import { accessOf } from "./service-access";
import { MEDIA_TYPES, ROLES, SCOPES } from "./vocabulary";

const DEFAULT_PAGE_SIZE = 2;

export function membershipsEndpoint(
  state: PlatformState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  contextId: string,
): void {
  const refuse = (status: number, reason: string) =>
    sendError(response, status, status === 401 ? "invalid_token" : "invalid_request", state.refuse(`nrps: ${reason}`));
  if (request.method !== "GET") return refuse(405, "the membership container takes GET");
  const access = accessOf(state, request, [SCOPES.memberships]);
  if ("reason" in access) return refuse(access.status, access.reason);
  const course = state.courses.get(contextId);
  if (!course) return refuse(404, "no such context");

  const limit = Math.max(1, Number(url.searchParams.get("limit") ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE);
  const page = Math.max(0, Number(url.searchParams.get("page") ?? 0) || 0);
  const members = course.members.slice(page * limit, (page + 1) * limit).flatMap((member) => {
    const user = state.users.get(member.sub);
    if (!user) return [];
    return [
      {
        status: "Active",
        user_id: user.sub,
        name: fullName(user),
        given_name: user.givenName,
        family_name: user.familyName,
        email: user.email,
        roles: [...ROLES[member.role]],
      },
    ];
  });
  const headers: Record<string, string> = {};
  if ((page + 1) * limit < course.members.length) {
    const next = new URL(state.urls.memberships(contextId));
    next.searchParams.set("page", String(page + 1));
    next.searchParams.set("limit", String(limit));
    headers.Link = `<${next.href}>; rel="next"`;
  }
  sendJson(
    response,
    200,
    {
      id: url.href,
      context: { id: course.contextId, label: course.label, title: course.title },
      members,
    },
    MEDIA_TYPES.memberships,
    headers,
  );
}
