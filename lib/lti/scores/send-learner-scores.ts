// What one "lti-scores" job does: recompute and post a learner's score to every LMS placement of a
// course, on every platform the learner has come from. One job per learner and course (not per
// placement) because a single result can move several scores: a lab's, and the course's.
import { db } from "../../db";
import { postLearnerScore, type PostOutcome } from "./post-score";

export interface PlacementOutcome {
  resourceLinkId: string;
  outcome: PostOutcome;
}

/**
 * Posts `userId`'s scores for every placement of `courseId` in the contexts the learner is a member
 * of (their own launch there, or the context's NRPS roster, says so), on platforms where they have an
 * LTI account. A placement in another LMS course (another section, say) would refuse the score.
 */
export async function sendLearnerScores({
  userId,
  courseId,
  recordedAt,
}: {
  userId: string;
  courseId: string;
  /** When the result that asked for the posts was stored (LtiScoreJob.recordedAt). */
  recordedAt: string;
}): Promise<PlacementOutcome[]> {
  const accounts = await db.ltiUser.findMany({
    where: { userId, platform: { isEnabled: true } },
    select: { platformId: true, sub: true },
  });
  if (accounts.length === 0) return [];
  const accountByPlatform = new Map(accounts.map((account) => [account.platformId, account]));
  const placements = await db.ltiResourceLink.findMany({
    where: { courseId, context: { platformId: { in: [...accountByPlatform.keys()] } } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      resourceLinkId: true,
      title: true,
      targetKind: true,
      targetId: true,
      courseId: true,
      lineItemUrl: true,
      context: {
        select: {
          lineItemsUrl: true,
          agsScopes: true,
          platformId: true,
          members: { where: { sub: { in: accounts.map((account) => account.sub) } }, select: { sub: true } },
          platform: { select: { id: true, clientId: true, accessTokenUrl: true, authServer: true } },
        },
      },
    },
  });
  const outcomes: PlacementOutcome[] = [];
  for (const placement of placements) {
    const account = accountByPlatform.get(placement.context.platformId);
    if (!account) continue;
    if (!placement.context.members.some((member) => member.sub === account.sub)) {
      await settlePending(placement.id, userId, "The learner is not a member of this LMS course.");
      continue;
    }
    const outcome = await postLearnerScore(placement, userId, account.sub, new Date(recordedAt));
    if (outcome.state === "NO_RESULT") await settlePending(placement.id, userId, "There is no graded result to send.");
    if (outcome.state === "NO_SERVICE")
      await settlePending(placement.id, userId, "The LMS offers no grade passback for this placement.");
    outcomes.push({ resourceLinkId: placement.id, outcome });
  }
  return outcomes;
}

/**
 * A post queued again by "send again" that finds nothing to send would otherwise say PENDING forever:
 * it goes back to FAILED with the reason.
 */
async function settlePending(resourceLinkId: string, userId: string, reason: string): Promise<void> {
  await db.ltiScorePost.updateMany({
    where: { resourceLinkId, userId, state: "PENDING" },
    data: { state: "FAILED", lastError: reason },
  });
}
