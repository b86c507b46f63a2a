// The AGS line item a placement's scores go to. A deep-linked placement usually arrives with its own
// (the launch's lineitem claim); one added by hand may not, and then Gradient finds the line item the
// platform already holds for the resource link, or creates one (AGS 2.0 §3.2), and keeps its URL.
import { z } from "zod";
import { db } from "../../db";
import type { LtiTargetKind } from "../../generated/prisma/enums";
import { getServiceToken, type TokenPlatform } from "../access-token";
import { jsonOf, LtiServiceError, serviceRequest } from "../service-request";
import { MEDIA_TYPE, SCOPE } from "../vocabulary";
import { SCORE_MAXIMUM } from "./compute-score";

/** Marks the line items Gradient created, so an instructor can tell them from their own columns. */
export const LINE_ITEM_TAG = "gradient";

const LineItemSchema = z.object({
  id: z.url().max(2000),
  resourceLinkId: z.string().max(255).optional(),
  tag: z.string().max(255).optional(),
});
const LineItemsSchema = z.array(z.unknown()).max(1000);

export interface LineItemPlacement {
  id: string;
  resourceLinkId: string;
  title: string | null;
  targetKind: LtiTargetKind;
  targetId: string | null;
  courseId: string;
  lineItemUrl: string | null;
}

export interface LineItemContext {
  lineItemsUrl: string | null;
  agsScopes: string[];
}

/** The line items container URL with one more query parameter, keeping any the platform put there. */
function withQuery(address: string, name: string, value: string): string {
  const url = new URL(address);
  url.searchParams.set(name, value);
  return url.toString();
}

async function findLineItem(lineItemsUrl: string, resourceLinkId: string, token: string): Promise<string | null> {
  const response = await serviceRequest(withQuery(lineItemsUrl, "resource_link_id", resourceLinkId), {
    what: "line items",
    headers: { Authorization: `Bearer ${token}`, Accept: MEDIA_TYPE.lineItems },
    maxBytes: 1024 * 1024,
  });
  const items = LineItemsSchema.parse(jsonOf(response, "line items"));
  for (const item of items) {
    const parsed = LineItemSchema.safeParse(item);
    // The filter is a hint some platforms ignore: only a line item of this very link is taken.
    if (parsed.success && parsed.data.resourceLinkId === resourceLinkId) return parsed.data.id;
  }
  return null;
}

async function createLineItem(lineItemsUrl: string, placement: LineItemPlacement, token: string): Promise<string> {
  const response = await serviceRequest(lineItemsUrl, {
    method: "POST",
    what: "line items",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA_TYPE.lineItem, Accept: MEDIA_TYPE.lineItem },
    body: JSON.stringify({
      scoreMaximum: SCORE_MAXIMUM,
      label: placement.title ?? "Gradient",
      resourceId: placement.targetId ?? placement.courseId,
      resourceLinkId: placement.resourceLinkId,
      tag: LINE_ITEM_TAG,
    }),
  });
  const created = LineItemSchema.safeParse(jsonOf(response, "line items"));
  if (!created.success)
    throw new LtiServiceError("The platform created a line item but did not say its URL.", response.status);
  return created.data.id;
}

/**
 * The placement's line item URL: its own, or one found or created through the context's line items
 * service (stored on the placement). Null when the platform offers neither: then nothing is posted.
 */
export async function ensureLineItem(
  platform: TokenPlatform,
  context: LineItemContext,
  placement: LineItemPlacement,
): Promise<string | null> {
  if (placement.lineItemUrl) return placement.lineItemUrl;
  if (!context.lineItemsUrl || !context.agsScopes.includes(SCOPE.lineItem)) return null;
  const token = await getServiceToken(platform, [SCOPE.lineItem, SCOPE.score]);
  const lineItemUrl =
    (await findLineItem(context.lineItemsUrl, placement.resourceLinkId, token)) ??
    (await createLineItem(context.lineItemsUrl, placement, token));
  // Only filled when still empty: a launch that brought the platform's own line item meanwhile wins.
  await db.ltiResourceLink.updateMany({ where: { id: placement.id, lineItemUrl: null }, data: { lineItemUrl } });
  const stored = await db.ltiResourceLink.findUniqueOrThrow({
    where: { id: placement.id },
    select: { lineItemUrl: true },
  });
  return stored.lineItemUrl ?? lineItemUrl;
}
