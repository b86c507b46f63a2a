import { rubricOf } from "../assignments/rubric";
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { requireTaughtAssignment, type Viewer } from "../instructor/course-access";
import { readGradingQueue } from "./grading-queue";

/** A lab's grading queue for its instructors, with the lab's rubric (null when it has none). */
export async function listGradingQueue({
  viewer,
  courseSlug,
  labSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  labSlug: string;
  locale?: Locale;
}) {
  const { course, assignment } = await requireTaughtAssignment(viewer, courseSlug, labSlug, locale);
  const latest = await db.assignmentVersion.findFirst({
    where: { assignmentId: assignment.id },
    orderBy: { version: "desc" },
    select: { spec: true },
  });
  const rubric = rubricOf(latest?.spec);
  const metricName = AssignmentSpecSchema.safeParse(latest?.spec).data?.metric.name ?? null;
  return { course, assignment, rubric, metricName, entries: rubric ? await readGradingQueue(assignment.id) : [] };
}
