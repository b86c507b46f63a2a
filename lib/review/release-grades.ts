// Releasing rubric grades to their learners: the grade and the comments become visible, the learner
// is notified, and the certificate check and LMS score are recorded, all in one transaction.
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import type { Viewer } from "../instructor/course-access";
import { enqueueReleaseJobs, recordReleaseJobs, type ReleaseJobs } from "./release-effects";
import { recordNotifications } from "./record-notification";

export const GRADE_RELEASE_ACTION = "review.grade.release";

/** Releases the unreleased grades of `submissionIds` (all in `courseId`); returns how many were released. */
export async function releaseGrades(viewer: Viewer, courseId: string, submissionIds: readonly string[]) {
  const released = await db.$transaction(async (tx) => {
    const grades = await tx.rubricGrade.findMany({
      where: {
        submissionId: { in: [...submissionIds] },
        releasedAt: null,
        submission: { assignment: { courseId } },
      },
      select: {
        id: true,
        submissionId: true,
        submission: { select: { userId: true, assignment: { select: { title: true } } } },
      },
    });
    const now = new Date();
    const jobs: ReleaseJobs[] = [];
    for (const grade of grades) {
      // Conditional, so two releases at once release (and notify) once.
      const { count } = await tx.rubricGrade.updateMany({
        where: { id: grade.id, releasedAt: null },
        data: { releasedAt: now },
      });
      if (count === 0) continue;
      await recordAudit({
        tx,
        actorId: viewer.id,
        action: GRADE_RELEASE_ACTION,
        targetType: "submission",
        targetId: grade.submissionId,
        courseId,
      });
      await recordNotifications(tx, [grade.submission.userId], {
        kind: "review.released",
        params: { lab: labTitle(grade.submission.assignment.title), criterionKey: "", learner: "" },
        href: `/submissions/${grade.submissionId}`,
      });
      jobs.push(
        await recordReleaseJobs(tx, { submissionId: grade.submissionId, userId: grade.submission.userId, courseId }),
      );
    }
    return jobs;
  });
  await enqueueReleaseJobs(released);
  return released.length;
}

/** A stored localized title as plain strings by language. */
export function labTitle(title: unknown): Record<string, string> {
  if (!title || typeof title !== "object") return {};
  return Object.fromEntries(
    Object.entries(title).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}
