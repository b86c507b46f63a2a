// What the lab page shows one viewer: the latest version's brief and starter, the rules the
// grader applies, and where this learner stands (attempts, deadline, their submissions).
import { z } from "zod";
import type { CurrentUser } from "../auth";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { chargedAttemptsWhere, effectiveLimits } from "../submissions/attempt-policy";
import { canTeachCourse } from "../courses/roles";
import { listOwnSubmissions } from "../submissions/get-submission";
import { DatasetPreviewSchema } from "./dataset-preview";
import { AssignmentSpecSchema } from "./spec-schema";

type Viewer = Pick<CurrentUser, "id" | "role">;
const SlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** The brief opens with the lab's title, which the page already shows as its heading. */
function withoutTitle(markdown: string): string {
  return markdown.replace(/^\s*# [^\n]*\n/, "");
}

export async function getLab(viewer: Viewer, courseSlug: string, labSlug: string, locale: Locale) {
  if (!SlugSchema.safeParse(courseSlug).success || !SlugSchema.safeParse(labSlug).success)
    throw new NotFoundError("There is no such lab.");
  const assignment = await db.assignment.findFirst({
    where: { slug: labSlug, course: { slug: courseSlug } },
    select: {
      id: true,
      slug: true,
      title: true,
      courseId: true,
      course: { select: { slug: true, title: true, deadline: true } },
      versions: { orderBy: { version: "desc" }, take: 1 },
    },
  });
  const version = assignment?.versions[0];
  if (!assignment || !version) throw new NotFoundError("There is no such lab.");

  const enrolment = await db.enrolment.findUnique({
    where: { userId_courseId: { userId: viewer.id, courseId: assignment.courseId } },
  });
  const isTeacher = await canTeachCourse(viewer, assignment.courseId);
  // Labs are open to read for anyone signed in, like the lessons; submitting needs an enrolment.
  const spec = AssignmentSpecSchema.parse(version.spec);
  const extension = await db.assignmentExtension.findUnique({
    where: { assignmentId_userId: { assignmentId: assignment.id, userId: viewer.id } },
  });
  const limits = effectiveLimits({ version, courseDeadline: assignment.course.deadline, extension });
  const attemptsUsed = await db.submission.count({ where: chargedAttemptsWhere(viewer.id, assignment.id) });
  const briefs = z.record(z.string(), z.string()).parse(version.brief);

  return {
    id: assignment.id,
    slug: assignment.slug,
    title: localize(assignment.title, locale),
    course: { slug: assignment.course.slug, title: localize(assignment.course.title, locale) },
    version: version.version,
    brief: withoutTitle(briefs[locale] ?? briefs.en ?? ""),
    starterCode: version.starterCode,
    preview: DatasetPreviewSchema.safeParse(version.preview).data ?? null,
    spec,
    isEnrolled: Boolean(enrolment),
    isTeacher,
    deadline: limits.deadline,
    isPastDeadline: limits.deadline !== null && limits.deadline.getTime() < Date.now(),
    maxAttempts: limits.maxAttempts,
    attemptsUsed,
    attemptsLeft: limits.maxAttempts === null ? null : Math.max(0, limits.maxAttempts - attemptsUsed),
    submissions: await listOwnSubmissions(viewer, assignment.id),
  };
}
export type LabView = Awaited<ReturnType<typeof getLab>>;
