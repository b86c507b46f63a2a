import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { parseInput } from "../validation";
import { requireTaughtAssignment, type Viewer } from "./course-access";
import { RevokeExtensionInputSchema } from "./schemas";

/** Takes a learner's extension for a lab away; the lab's own limits apply to them again. */
export async function revokeExtension({
  viewer,
  courseSlug,
  assignmentSlug,
  input,
}: {
  viewer: Viewer;
  courseSlug: string;
  assignmentSlug: string;
  input: unknown;
}) {
  const { course, assignment } = await requireTaughtAssignment(viewer, courseSlug, assignmentSlug);
  const { learnerId } = parseInput(RevokeExtensionInputSchema, input);
  await db.$transaction(async (tx) => {
    const removed = await tx.assignmentExtension
      .delete({ where: { assignmentId_userId: { assignmentId: assignment.id, userId: learnerId } } })
      .catch((error: unknown) => {
        // P2025: nothing to delete, e.g. another instructor revoked it a moment ago.
        if (error instanceof Error && "code" in error && error.code === "P2025") return null;
        throw error;
      });
    if (!removed) throw new NotFoundError("This learner has no extension for this lab.");
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: "extension.revoke",
      targetType: "extension",
      targetId: removed.id,
      courseId: course.id,
      details: {
        learnerId,
        assignment: assignment.slug,
        previous: {
          deadline: removed.deadline?.toISOString() ?? null,
          extraAttempts: removed.extraAttempts,
          reason: removed.reason,
        },
      },
    });
  });
}
