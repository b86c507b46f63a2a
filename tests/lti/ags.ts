// Assignment and Grade Services 2.0 on the test platform: the line items container (§3.2), a line
// item (§3.3) and its scores endpoint (§3.4), which records what the tool posts. A test can make
// the next score posts fail with a 500, as a platform having a bad minute would.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { mediaTypeOf, readBody, sendError, sendJson } from "./http";
import { newId, type LineItem } from "./model";
import type { PlatformState } from "./platform-state";
import { checkScore } from "./score-checks";
import { accessOf } from "./service-access";
import { MEDIA_TYPES, SCOPES } from "./vocabulary";

const NewLineItemSchema = z.object({
  scoreMaximum: z.number().positive(),
  label: z.string().min(1),
  resourceId: z.string().optional(),
  tag: z.string().optional(),
  resourceLinkId: z.string().optional(),
});

export function lineItemJson(state: PlatformState, item: LineItem) {
  return {
    id: state.urls.lineItem(item.contextId, item.id),
    scoreMaximum: item.scoreMaximum,
    label: item.label,
    ...(item.resourceId !== undefined ? { resourceId: item.resourceId } : {}),
    ...(item.tag !== undefined ? { tag: item.tag } : {}),
    ...(item.resourceLinkId !== undefined ? { resourceLinkId: item.resourceLinkId } : {}),
  };
}

async function jsonBody(request: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(request)) as unknown;
  } catch {
    return undefined;
  }
}

/** /contexts/<ctx>/lineitems[/<id>[/scores]] */
export async function agsEndpoint(
  state: PlatformState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  route: { contextId: string; lineItemId: string | null; isScores: boolean },
): Promise<void> {
  const refuse = (status: number, reason: string) =>
    sendError(response, status, status === 401 ? "invalid_token" : "invalid_request", state.refuse(`ags: ${reason}`));
  const course = state.courses.get(route.contextId);
  if (!course) return refuse(404, "no such context");
  const readScopes = [SCOPES.lineItem, SCOPES.lineItemReadOnly];

  if (route.lineItemId === null) {
    if (request.method === "GET") {
      const access = accessOf(state, request, readScopes);
      if ("reason" in access) return refuse(access.status, access.reason);
      const filters = url.searchParams;
      const items = [...state.lineItems.values()].filter(
        (item) =>
          item.contextId === course.contextId &&
          (!filters.has("resource_link_id") || item.resourceLinkId === filters.get("resource_link_id")) &&
          (!filters.has("resource_id") || item.resourceId === filters.get("resource_id")) &&
          (!filters.has("tag") || item.tag === filters.get("tag")),
      );
      return sendJson(
        response,
        200,
        items.map((item) => lineItemJson(state, item)),
        MEDIA_TYPES.lineItems,
      );
    }
    if (request.method === "POST") {
      const access = accessOf(state, request, [SCOPES.lineItem]);
      if ("reason" in access) return refuse(access.status, access.reason);
      if (mediaTypeOf(request) !== MEDIA_TYPES.lineItem)
        return refuse(415, `a line item must be ${MEDIA_TYPES.lineItem}`);
      const parsed = NewLineItemSchema.safeParse(await jsonBody(request));
      if (!parsed.success) return refuse(400, `bad line item: ${parsed.error.message}`);
      const item: LineItem = { id: newId("lineitem"), contextId: course.contextId, ...parsed.data };
      state.lineItems.set(item.id, item);
      return sendJson(response, 201, lineItemJson(state, item), MEDIA_TYPES.lineItem);
    }
    return refuse(405, "the line items container takes GET or POST");
  }

  const item = state.lineItems.get(route.lineItemId);
  if (!item || item.contextId !== course.contextId) return refuse(404, "no such line item");
  if (!route.isScores) {
    if (request.method !== "GET") return refuse(405, "this test platform's line items take GET only");
    const access = accessOf(state, request, readScopes);
    if ("reason" in access) return refuse(access.status, access.reason);
    return sendJson(response, 200, lineItemJson(state, item), MEDIA_TYPES.lineItem);
  }

  if (request.method !== "POST") return refuse(405, "scores take POST");
  const access = accessOf(state, request, [SCOPES.score]);
  if ("reason" in access) return refuse(access.status, access.reason);
  if (mediaTypeOf(request) !== MEDIA_TYPES.score) return refuse(415, `a score must be ${MEDIA_TYPES.score}`);
  const body = await jsonBody(request);
  if (state.failingScorePosts > 0) {
    state.failingScorePosts -= 1;
    response.writeHead(500, { "Content-Type": "text/plain" });
    response.end("The test LMS is having a bad minute (a failure a test asked for).");
    return;
  }
  const members = new Set(course.members.map((member) => member.sub));
  const lastTimestamp = state.scores
    .filter((score) => score.lineItemId === item.id && score.userId === pickUser(body))
    .at(-1)?.timestamp;
  const checked = checkScore(body, { members, lastTimestamp });
  if ("problem" in checked) return refuse(checked.status, `score refused: ${checked.problem}`);
  state.scores.push({ ...checked.score, lineItemId: item.id, receivedAt: new Date() });
  sendJson(response, 200, { resultUrl: `${state.urls.lineItem(course.contextId, item.id)}/results` });
}

function pickUser(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || !("userId" in body)) return undefined;
  return typeof body.userId === "string" ? body.userId : undefined;
}
