// POST /deep-link-return/<request>: the tool's LtiDeepLinkingResponse (Deep Linking 2.0 §4.5),
// a JWT the tool signs, checked against the tool's JWKS; each ltiResourceLink it carries becomes a
// resource link of the course, with a line item when the item asks for one (§3.4.1).
import type { IncomingMessage, ServerResponse } from "node:http";
import { errors, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import { escapeHtml, htmlPage } from "./html";
import { readBody, sendHtml } from "./http";
import { refusalPage } from "./launch-flow";
import { newId, type LineItem, type ResourceLink } from "./model";
import type { DeepLinkingRequest, PlatformState } from "./platform-state";
import { toolKeySet } from "./tool-keys";
import { CLAIMS, VERSION } from "./vocabulary";

const ResourceLinkItemSchema = z.object({
  type: z.literal("ltiResourceLink"),
  title: z.string().min(1),
  url: z.url().optional(),
  custom: z.record(z.string(), z.string()).optional(),
  lineItem: z
    .object({
      scoreMaximum: z.number().positive(),
      label: z.string().min(1).optional(),
      resourceId: z.string().optional(),
      tag: z.string().optional(),
    })
    .optional(),
});
const ContentItemsSchema = z.array(z.object({ type: z.string() }).loose());

/** Why the response's claims are not an answer to `pending`, or null when they are. */
export function problemWithDeepLinkingClaims(payload: JWTPayload, pending: DeepLinkingRequest): string | null {
  if (typeof payload.nonce !== "string" || payload.nonce === "") return "nonce is missing";
  if (payload[CLAIMS.messageType] !== "LtiDeepLinkingResponse") return "message_type is not LtiDeepLinkingResponse";
  if (payload[CLAIMS.version] !== VERSION) return `version is not ${VERSION}`;
  if (payload[CLAIMS.deploymentId] !== pending.deploymentId) return "deployment_id is not the request's";
  if (payload[CLAIMS.deepLinkingData] !== pending.data) return "data is not the request's data";
  return null;
}

export async function deepLinkingReturn(
  state: PlatformState,
  request: IncomingMessage,
  response: ServerResponse,
  requestId: string,
): Promise<void> {
  const refuse = (reason: string) => refusalPage(response, 400, state.refuse(`deep linking: ${reason}`));
  if (request.method !== "POST") return refuse("the return URL takes a form POST");
  const pending = state.deepLinkingRequests.get(requestId);
  if (!pending) return refuse("no such deep linking request");
  if (pending.isAnswered) return refuse("this deep linking request was answered already");
  const tool = state.toolByClientId(pending.clientId);
  if (!tool) return refuse("the tool is no longer registered");
  const jwt = new URLSearchParams(await readBody(request)).get("JWT") ?? "";

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(jwt, toolKeySet(tool.jwksUri), {
      issuer: tool.clientId,
      audience: state.issuer,
      algorithms: ["RS256"],
      requiredClaims: ["exp", "iat"],
    }));
  } catch (error) {
    return refuse(`the JWT does not verify (${error instanceof errors.JOSEError ? error.code : String(error)})`);
  }
  const problem = problemWithDeepLinkingClaims(payload, pending);
  if (problem) return refuse(problem);
  const items = ContentItemsSchema.safeParse(payload[CLAIMS.contentItems] ?? []);
  if (!items.success) return refuse("content_items is not an array of items");

  const added: string[] = [];
  for (const raw of items.data) {
    if (raw.type !== "ltiResourceLink") return refuse(`content item type ${raw.type} was not accepted`);
    const item = ResourceLinkItemSchema.safeParse(raw);
    if (!item.success) return refuse(`bad ltiResourceLink: ${item.error.message}`);
    const link: ResourceLink = {
      id: newId("link"),
      contextId: pending.contextId,
      title: item.data.title,
      url: item.data.url ?? null,
      custom: item.data.custom ?? {},
      lineItemId: null,
    };
    if (item.data.lineItem) {
      const lineItem: LineItem = {
        id: newId("lineitem"),
        contextId: pending.contextId,
        label: item.data.lineItem.label ?? item.data.title,
        scoreMaximum: item.data.lineItem.scoreMaximum,
        resourceLinkId: link.id,
        ...(item.data.lineItem.resourceId !== undefined ? { resourceId: item.data.lineItem.resourceId } : {}),
        ...(item.data.lineItem.tag !== undefined ? { tag: item.data.lineItem.tag } : {}),
      };
      state.lineItems.set(lineItem.id, lineItem);
      link.lineItemId = lineItem.id;
    }
    state.resourceLinks.set(link.id, link);
    added.push(link.title);
  }
  pending.isAnswered = true;
  const text = added.length > 0 ? `Added: ${added.join(", ")}` : "Nothing was added.";
  sendHtml(response, 200, htmlPage(text, `<main><h1>${escapeHtml(text)}</h1></main>`));
}
