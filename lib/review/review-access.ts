// The review desk's authorisation: a submission of a course the viewer teaches, with the rubric of
// its lab (the lab's latest version: a rubric is the instructors' judgement, not the grader's
// contract, so it applies to every attempt). A submission of another course is a 404 here.
import { rubricOf } from "../assignments/rubric";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { requireTaughtCourse, type Viewer } from "../instructor/course-access";
import { IdSchema } from "./schemas";

export async function requireReviewableSubmission(viewer: Viewer, courseSlug: string, submissionId: unknown) {
  const course = await requireTaughtCourse(viewer, courseSlug);
  const id = IdSchema.safeParse(submissionId);
  const submission = id.success
    ? await db.submission.findFirst({
        where: { id: id.data, assignment: { courseId: course.id } },
        select: {
          id: true,
          userId: true,
          status: true,
          assignment: {
            select: {
              id: true,
              slug: true,
              title: true,
              versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true } },
            },
          },
        },
      })
    : null;
  if (!submission) throw new NotFoundError("There is no such submission in this course.");
  return {
    course,
    submission: { id: submission.id, userId: submission.userId, status: submission.status },
    assignment: { id: submission.assignment.id, slug: submission.assignment.slug, title: submission.assignment.title },
    rubric: rubricOf(submission.assignment.versions[0]?.spec),
  };
}
