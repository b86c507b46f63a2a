// Names the two sides of stored pairs for the pages: a submission is its learner (and, for another
// course run, that course), an archive file is its path.
import { db } from "../db";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";

export type PairSide =
  | {
      kind: "submission";
      key: string;
      submissionId: string;
      userId: string;
      name: string;
      email: string;
      attemptNumber: number;
      courseId: string;
      courseSlug: string;
      courseTitle: string;
    }
  | { kind: "archive"; key: string; path: string };

interface StoredSides {
  leftSubmissionId: string | null;
  leftArchivePath: string | null;
  rightSubmissionId: string | null;
  rightArchivePath: string | null;
}

export const sideKey = (submissionId: string | null, archivePath: string | null) =>
  submissionId ? `s:${submissionId}` : `a:${archivePath ?? ""}`;

/** Every side of `pairs`, by sideKey. */
export async function describeSides(pairs: StoredSides[], locale: Locale): Promise<Map<string, PairSide>> {
  const ids = new Set<string>();
  for (const pair of pairs) {
    if (pair.leftSubmissionId) ids.add(pair.leftSubmissionId);
    if (pair.rightSubmissionId) ids.add(pair.rightSubmissionId);
  }
  const submissions = await db.submission.findMany({
    where: { id: { in: [...ids] } },
    select: {
      id: true,
      attemptNumber: true,
      user: { select: { id: true, name: true, email: true } },
      assignment: { select: { course: { select: { id: true, slug: true, title: true } } } },
    },
  });
  const sides = new Map<string, PairSide>();
  for (const submission of submissions) {
    const key = sideKey(submission.id, null);
    sides.set(key, {
      kind: "submission",
      key,
      submissionId: submission.id,
      userId: submission.user.id,
      name: submission.user.name,
      email: submission.user.email,
      attemptNumber: submission.attemptNumber,
      courseId: submission.assignment.course.id,
      courseSlug: submission.assignment.course.slug,
      courseTitle: localize(submission.assignment.course.title, locale),
    });
  }
  for (const pair of pairs) {
    for (const [submissionId, path] of [
      [pair.leftSubmissionId, pair.leftArchivePath],
      [pair.rightSubmissionId, pair.rightArchivePath],
    ] as const) {
      if (!submissionId && path !== null)
        sides.set(sideKey(null, path), { kind: "archive", key: sideKey(null, path), path });
    }
  }
  return sides;
}
