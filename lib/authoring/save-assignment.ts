// Creates or edits a lab: its assignment.yaml (typed as YAML, checked with AssignmentSpecSchema),
// its briefs and its starter code. Saving anything different adds a new AssignmentVersion;
// submissions keep the version they were graded against, and saving with no change adds nothing.
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { parseInput } from "../validation";
import { markCourseEdited } from "./mark-course-edited";
import { requireEditableCourse, type Viewer } from "./authorize";
import { parseYamlField } from "./parse-yaml-file";
import { AssignmentInputSchema } from "./schemas";
import { saveAssignmentVersion } from "./save-assignment-version";

export interface SaveAssignmentOptions {
  viewer: Viewer;
  courseSlug: string;
  /** The lab to edit, or null to create one (its slug is then the spec's). */
  assignmentSlug: string | null;
  input: unknown;
}

export async function saveAssignment({ viewer, courseSlug, assignmentSlug, input }: SaveAssignmentOptions) {
  const course = await requireEditableCourse(viewer, courseSlug);
  const data = parseInput(AssignmentInputSchema, input);
  const spec = parseYamlField("specYaml", data.specYaml, AssignmentSpecSchema);
  const existing = await db.assignment.findUnique({
    where: { courseId_slug: { courseId: course.id, slug: assignmentSlug ?? spec.slug } },
    select: { id: true, position: true },
  });
  if (assignmentSlug !== null && !existing) throw new NotFoundError("There is no such lab.");
  if (assignmentSlug !== null && spec.slug !== assignmentSlug) {
    throw new ValidationError("Please correct the highlighted fields.", {
      "specYaml.slug": ["the slug of a lab cannot change: submissions and links name it"],
    });
  }
  // "new" is the address of the new-lab page.
  if (assignmentSlug === null && spec.slug === "new")
    throw new ValidationError("Please correct the highlighted fields.", {
      "specYaml.slug": ["this slug is reserved; choose another"],
    });
  if (assignmentSlug === null && existing)
    throw new ValidationError("Please correct the highlighted fields.", {
      "specYaml.slug": ["this course already has a lab with that slug"],
    });

  return db.$transaction(async (tx) => {
    const position = existing?.position ?? (await tx.assignment.count({ where: { courseId: course.id } }));
    const saved = await saveAssignmentVersion({
      tx,
      courseId: course.id,
      position,
      assignment: { spec, briefs: data.brief, starter: data.starter },
      actorId: viewer.id,
    });
    if (saved.isNewVersion) {
      await markCourseEdited(tx, course.id);
      await recordAudit({
        tx,
        actorId: viewer.id,
        action: existing ? "assignment.version.create" : "assignment.create",
        targetType: "Assignment",
        targetId: saved.assignmentId,
        courseId: course.id,
        details: { slug: spec.slug, version: saved.version, metric: spec.metric, budget: spec.budget },
      });
    }
    return { slug: spec.slug, version: saved.version, isNewVersion: saved.isNewVersion };
  });
}
