// The instructor's answer to a deep linking request: the picked items (or a cancel) become a signed
// LtiDeepLinkingResponse, and the request is spent, once, atomically, so two tabs or a replayed
// form cannot place content twice from one request.
import { z } from "zod";
import type { Locale } from "../../courses/content-schema";
import { db } from "../../db";
import { ValidationError } from "../../errors";
import { ltiDeepLinkMessagesFor, type DeepLinkProblem } from "../../i18n/lti-deep-link-messages";
import { resourceLinkItemFor, type LtiResourceLinkItem } from "./content-items";
import { DeepLinkRefusedError } from "./deep-link-refusal";
import { listPickableCourses, type PickableItem } from "./list-pickable-items";
import { requireOpenDeepLinkRequest, type OpenDeepLinkRequest } from "./open-deep-link-request";
import { signDeepLinkingResponse } from "./sign-deep-linking-response";

/** A resource link's title in most platforms' gradebooks and lists; longer ones are cut there anyway. */
export const TITLE_MAX_LENGTH = 255;
const MAX_PICKED = 100;

export const DeepLinkAnswerSchema = z.discriminatedUnion("choice", [
  z.object({
    choice: z.literal("add"),
    targets: z.array(z.string().max(300)).max(MAX_PICKED, "tooMany"),
    /** Replaces the picked item's title; empty means keep it. */
    title: z
      .string()
      .trim()
      .max(TITLE_MAX_LENGTH, "titleTooLong")
      .optional()
      .transform((title) => title || undefined),
  }),
  z.object({ choice: z.literal("cancel") }),
]);
export type DeepLinkAnswer = z.infer<typeof DeepLinkAnswerSchema>;

export function isDeepLinkProblem(problem: string): problem is DeepLinkProblem {
  return ["pickOne", "unknownItem", "tooMany", "titleTooLong", "titleForOne"].includes(problem);
}

export interface DeepLinkReturn {
  requestId: string;
  /** The signed LtiDeepLinkingResponse, for the JWT form parameter. */
  jwt: string;
  platformName: string;
}

function invalid(field: "targets" | "title", problem: DeepLinkProblem): ValidationError {
  return new ValidationError("The choice cannot be added.", { [field]: [problem] });
}

function parseAnswer(input: unknown): DeepLinkAnswer {
  const parsed = DeepLinkAnswerSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] === "title" ? "title" : "targets";
    const problem = isDeepLinkProblem(issue.message) ? issue.message : field === "title" ? "titleTooLong" : "pickOne";
    fieldErrors[field] = [problem];
  }
  throw new ValidationError("The choice cannot be added.", fieldErrors);
}

/** The picked items as the picker offers them now: a course unpublished since the page loaded is refused. */
async function pickedItems(request: OpenDeepLinkRequest, keys: string[], locale: Locale): Promise<PickableItem[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) throw invalid("targets", "pickOne");
  if (unique.length > 1 && request.settings.accept_multiple !== true) throw invalid("targets", "tooMany");
  const offered = new Map(
    (await listPickableCourses(locale)).flatMap((course) => course.items).map((item) => [item.key, item]),
  );
  return unique.map((key) => {
    const item = offered.get(key);
    if (!item) throw invalid("targets", "unknownItem");
    return item;
  });
}

/** Spends the request; refused when another answer (or the clock) got there first. */
async function markAnswered(request: OpenDeepLinkRequest, userId: string): Promise<void> {
  const now = new Date();
  const { count } = await db.ltiDeepLinkRequest.updateMany({
    where: { id: request.id, userId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count === 1) return;
  // Say which it was; if the request somehow looks open again, it was still not ours to spend.
  await requireOpenDeepLinkRequest(userId, request.id);
  throw new DeepLinkRefusedError("used");
}

/**
 * Answers the signed-in user's own open request: ValidationError (field problems: DeepLinkProblem)
 * for a choice that cannot be added, DeepLinkRefusedError for a request that cannot be answered.
 */
export async function answerDeepLinking({
  userId,
  requestId,
  input,
  locale,
}: {
  userId: string;
  requestId: unknown;
  input: unknown;
  locale: Locale;
}): Promise<DeepLinkReturn> {
  const request = await requireOpenDeepLinkRequest(userId, requestId);
  const answer = parseAnswer(input);
  let contentItems: LtiResourceLinkItem[] = [];
  let message: string | undefined;
  if (answer.choice === "cancel") {
    // An empty answer tells the platform the instructor added nothing (Deep Linking 2.0 §4.2).
    message = ltiDeepLinkMessagesFor(locale).cancelled;
  } else {
    const items = await pickedItems(request, answer.targets, locale);
    if (answer.title !== undefined && items.length > 1) throw invalid("title", "titleForOne");
    const withLineItem = request.settings.accept_lineitem !== false;
    contentItems = items.map((item) => resourceLinkItemFor(item, { title: answer.title ?? item.title, withLineItem }));
  }
  // Signed before the request is spent, so a signing failure leaves it answerable; handed out only after.
  const jwt = await signDeepLinkingResponse({ request, contentItems, message });
  await markAnswered(request, userId);
  return { requestId: request.id, jwt, platformName: request.platform.name };
}
