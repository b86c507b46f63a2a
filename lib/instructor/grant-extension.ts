import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { parseInput } from "../validation";
import { requireTaughtAssignment, type Viewer } from "./course-access";
import { ExtensionInputSchema } from "./schemas";

export interface GrantExtensionOptions {
  viewer: Viewer;
  courseSlug: string;
  assignmentSlug: string;
  /** `{ learnerId, deadline?, extraAttempts?, reason }`, validated here. */
  input: unknown;
}

/**
 * Gives one learner of the course their own deadline and/or extra attempts for a lab, replacing
 * any extension they had. createSubmission reads it through effectiveLimits.
 */
export async function grantExtension({ viewer, courseSlug, assignmentSlug, input }: GrantExtensionOptions) {
  const { course, assignment } = await requireTaughtAssignment(viewer, courseSlug, assignmentSlug);
  const { learnerId, deadline, extraAttempts, reason } = parseInput(ExtensionInputSchema, input);
  const enrolment = await db.enrolment.findUnique({
    where: { userId_courseId: { userId: learnerId, courseId: course.id } },
    select: { role: true },
  });
  if (enrolment?.role !== "LEARNER") {
    throw new ValidationError("Please correct the highlighted fields.", {
      learnerId: ["Choose a learner enrolled in this course."],
    });
  }

  return db.$transaction(async (tx) => {
    const key = { assignmentId_userId: { assignmentId: assignment.id, userId: learnerId } };
    const previous = await tx.assignmentExtension.findUnique({
      where: key,
      select: { deadline: true, extraAttempts: true, reason: true },
    });
    const data = { deadline: deadline ?? null, extraAttempts, reason, grantedById: viewer.id };
    const extension = await tx.assignmentExtension.upsert({
      where: key,
      create: { assignmentId: assignment.id, userId: learnerId, ...data },
      update: data,
    });
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: "extension.grant",
      targetType: "extension",
      targetId: extension.id,
      courseId: course.id,
      details: {
        learnerId,
        assignment: assignment.slug,
        deadline: deadline?.toISOString() ?? null,
        extraAttempts,
        reason,
        previous: previous
          ? {
              deadline: previous.deadline?.toISOString() ?? null,
              extraAttempts: previous.extraAttempts,
              reason: previous.reason,
            }
          : null,
      },
    });
    return extension;
  });
}
