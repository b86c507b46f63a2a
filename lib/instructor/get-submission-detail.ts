import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { getSubmission } from "../submissions/get-submission";
import { requireTaughtCourse, type Viewer } from "./course-access";

/**
 * One submission of a taught course as its instructors see it: code, logs, curves, receipt, and
 * the audit trail of regrades. A submission of another course is a 404 here, even for admins,
 * so a URL always names the course the submission belongs to.
 */
export async function getSubmissionDetail({
  viewer,
  courseSlug,
  submissionId,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  submissionId: string;
  locale?: Locale;
}) {
  await requireTaughtCourse(viewer, courseSlug);
  const submission = await getSubmission(viewer, submissionId, locale);
  if (submission.course.slug !== courseSlug) throw new NotFoundError("There is no such submission in this course.");
  const history = await db.auditLog.findMany({
    where: { targetType: "submission", targetId: submissionId },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, action: true, details: true, createdAt: true, actor: { select: { name: true } } },
  });
  return {
    submission,
    history: history.map((entry) => ({ ...entry, id: entry.id.toString() })),
  };
}
