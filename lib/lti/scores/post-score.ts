// Posts one learner's score for one placement to the LMS (AGS 2.0 §3.4, the score publish service)
// and records the outcome in LtiScorePost, the row the instructor's page shows: SENT, or FAILED with
// the platform's words. The score is computed here, under a lock per placement and learner, so two
// jobs for the same learner cannot post an older score after a newer one.
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { forgetServiceTokens, getServiceToken, type TokenPlatform } from "../access-token";
import { LtiServiceError, serviceRequest } from "../service-request";
import { MEDIA_TYPE, SCOPE } from "../vocabulary";
import { computeScore, type ComputedScore } from "./compute-score";
import { ensureLineItem, type LineItemContext, type LineItemPlacement } from "./line-item";

export interface ScorePlacement extends LineItemPlacement {
  context: LineItemContext & { platform: TokenPlatform };
}

export type PostOutcome =
  { state: "SENT" | "UNCHANGED" | "NO_RESULT" | "NO_SERVICE" } | { state: "FAILED"; error: string };

/** Long enough for a token, a line item lookup and creation, and the post, each bounded at 10 s. */
const POST_TRANSACTION_MS = 60_000;
const MAX_ERROR_CHARS = 500;

/** `<line item>/scores`, the path extended before any query string the platform put in the URL (AGS 2.0 §3.4). */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/scores`;
  return url.toString();
}

function isSameScore(
  previous: {
    scoreGiven: number | null;
    scoreMaximum: number;
    comment: string | null;
    activityProgress: string;
    gradingProgress: string;
  },
  next: ComputedScore,
): boolean {
  return (
    previous.scoreGiven === next.scoreGiven &&
    previous.scoreMaximum === next.scoreMaximum &&
    previous.comment === next.comment &&
    previous.activityProgress === next.activityProgress &&
    previous.gradingProgress === next.gradingProgress
  );
}

async function send(placement: ScorePlacement, sub: string, computed: ComputedScore, timestamp: Date): Promise<void> {
  const { platform } = placement.context;
  const lineItemUrl = await ensureLineItem(platform, placement.context, placement);
  if (!lineItemUrl) throw new LtiServiceError("The platform offers no line item for this placement.", null);
  const token = await getServiceToken(platform, [SCOPE.score]);
  try {
    await serviceRequest(scoresUrl(lineItemUrl), {
      method: "POST",
      what: "scores",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA_TYPE.score },
      body: JSON.stringify({
        userId: sub,
        scoreGiven: computed.scoreGiven,
        scoreMaximum: computed.scoreMaximum,
        comment: computed.comment,
        timestamp: timestamp.toISOString(),
        activityProgress: computed.activityProgress,
        gradingProgress: computed.gradingProgress,
      }),
    });
  } catch (error) {
    // A token the platform no longer honours is dropped, so the retry asks for a new one.
    if (error instanceof LtiServiceError && error.status === 401) forgetServiceTokens(platform.id);
    throw error;
  }
}

/**
 * Recomputes `userId`'s score for the placement and posts it to the LMS as the learner `sub`, unless
 * there is no result yet, the platform offers no grade passback, or the same score was already sent
 * after `recordedAt` (the result this post is for): a retried job does not post twice.
 */
export async function postLearnerScore(
  placement: ScorePlacement,
  userId: string,
  sub: string,
  recordedAt: Date,
): Promise<PostOutcome> {
  if (!placement.context.agsScopes.includes(SCOPE.score)) return { state: "NO_SERVICE" };
  if (
    !placement.lineItemUrl &&
    !(placement.context.lineItemsUrl && placement.context.agsScopes.includes(SCOPE.lineItem))
  )
    return { state: "NO_SERVICE" };
  return db.$transaction(
    async (tx) => {
      // Held until the outcome is stored: a second job for this learner and placement waits, then
      // computes afresh, so the LMS always ends with the newest score and timestamps only increase.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`lti-score:${placement.id}:${userId}`}, 0))`;
      const computed = await computeScore(placement, userId);
      if (!computed) return { state: "NO_RESULT" as const };
      const where = { resourceLinkId_userId: { resourceLinkId: placement.id, userId } };
      const previous = await tx.ltiScorePost.findUnique({ where });
      if (
        previous?.state === "SENT" &&
        previous.sentAt !== null &&
        previous.sentAt >= recordedAt &&
        isSameScore(previous, computed)
      )
        return { state: "UNCHANGED" as const };
      // AGS: a platform ignores a score whose timestamp is not after the last one it took.
      const timestamp = new Date(Math.max(Date.now(), (previous?.computedAt.getTime() ?? 0) + 1));
      const isRetry = previous !== null && previous.state !== "SENT" && isSameScore(previous, computed);
      const attempts = isRetry ? previous.attempts + 1 : 1;
      const fields = { ...computed, computedAt: timestamp, attempts } satisfies Partial<Prisma.LtiScorePostCreateInput>;
      try {
        await send(placement, sub, computed, timestamp);
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_CHARS);
        const failed = { ...fields, state: "FAILED" as const, lastError: message };
        await tx.ltiScorePost.upsert({
          where,
          create: { resourceLinkId: placement.id, userId, ...failed },
          update: failed,
        });
        return { state: "FAILED" as const, error: message };
      }
      const sent = { ...fields, state: "SENT" as const, lastError: null, sentAt: new Date() };
      await tx.ltiScorePost.upsert({ where, create: { resourceLinkId: placement.id, userId, ...sent }, update: sent });
      return { state: "SENT" as const };
    },
    { timeout: POST_TRANSACTION_MS, maxWait: POST_TRANSACTION_MS },
  );
}
