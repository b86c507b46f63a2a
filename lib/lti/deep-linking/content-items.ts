// The content items Gradient returns (Deep Linking 2.0 §3.1, §3.2): one LTI resource link per picked
// item, launching to its target's address, with a line item when the item is graded and the
// platform creates grade columns, so scores have a column to go to from the first launch.
import { targetLinkUri } from "../targets";
import type { PickableItem } from "./list-pickable-items";

/** Every line item Gradient asks for is scored out of 100: the score service sends percentages. */
export const SCORE_MAXIMUM = 100;
/** The line item tag (AGS 2.0 §3.2.7) that tells Gradient's columns from others in the platform's gradebook. */
export const LINE_ITEM_TAG = "gradient";

export interface LineItemRequest {
  scoreMaximum: number;
  label: string;
  resourceId: string;
  tag: string;
}

export interface LtiResourceLinkItem {
  type: "ltiResourceLink";
  title: string;
  text?: string;
  url: string;
  lineItem?: LineItemRequest;
  custom: Record<string, string>;
}

export function resourceLinkItemFor(
  item: PickableItem,
  { title, withLineItem }: { title: string; withLineItem: boolean },
): LtiResourceLinkItem {
  return {
    type: "ltiResourceLink",
    title,
    ...(item.text ? { text: item.text } : {}),
    url: targetLinkUri(item.target),
    ...(withLineItem && item.isGraded
      ? { lineItem: { scoreMaximum: SCORE_MAXIMUM, label: title, resourceId: item.key, tag: LINE_ITEM_TAG } }
      : {}),
    // The target is in the URL, so a launch needs no custom parameters; the platform expects the member.
    custom: {},
  };
}
