// The score posts of a course's LMS placements, as the instructor's LMS page lists them: failed ones
// first (they need a decision), then pending ones, then the most recently sent.
import { db } from "../../db";
import type { LtiScoreState } from "../../generated/prisma/enums";
import { requireTaughtCourse, type Viewer } from "../../instructor/course-access";

/** The page shows this many; more failures than this means the LMS is down, which the first rows say. */
export const SCORE_POSTS_SHOWN = 300;

export interface ScorePostRow {
  id: string;
  learner: { id: string; name: string; email: string };
  placement: { id: string; title: string | null; lmsCourse: string | null };
  scoreGiven: number | null;
  scoreMaximum: number;
  state: LtiScoreState;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  updatedAt: Date;
}

export async function listScorePosts({
  viewer,
  courseSlug,
}: {
  viewer: Viewer;
  courseSlug: string;
}): Promise<{ rows: ScorePostRow[]; failedCount: number; total: number }> {
  const course = await requireTaughtCourse(viewer, courseSlug);
  const where = { resourceLink: { courseId: course.id } };
  const select = {
    id: true,
    scoreGiven: true,
    scoreMaximum: true,
    state: true,
    attempts: true,
    lastError: true,
    sentAt: true,
    updatedAt: true,
    user: { select: { id: true, name: true, email: true } },
    resourceLink: { select: { id: true, title: true, context: { select: { title: true } } } },
  } as const;
  // Failed posts are read first so that no number of newer sent ones can push them off the page.
  const [failed, total] = await Promise.all([
    db.ltiScorePost.findMany({
      where: { ...where, state: "FAILED" },
      orderBy: { updatedAt: "desc" },
      take: SCORE_POSTS_SHOWN,
      select,
    }),
    db.ltiScorePost.count({ where }),
  ]);
  const others = await db.ltiScorePost.findMany({
    where: { ...where, state: { not: "FAILED" } },
    orderBy: [{ state: "asc" }, { updatedAt: "desc" }],
    take: Math.max(0, SCORE_POSTS_SHOWN - failed.length),
    select,
  });
  const failedCount =
    failed.length < SCORE_POSTS_SHOWN
      ? failed.length
      : await db.ltiScorePost.count({ where: { ...where, state: "FAILED" } });
  const rows = [...failed, ...others].map((post) => ({
    id: post.id,
    learner: post.user,
    placement: { id: post.resourceLink.id, title: post.resourceLink.title, lmsCourse: post.resourceLink.context.title },
    scoreGiven: post.scoreGiven,
    scoreMaximum: post.scoreMaximum,
    state: post.state,
    attempts: post.attempts,
    lastError: post.lastError,
    sentAt: post.sentAt,
    updatedAt: post.updatedAt,
  }));
  return { rows, failedCount, total };
}
