// A learner's draft of a lab's code: read when the lab page opens, written while they type. Only the learner
// themself, enrolled in the lab's course, reads or writes it; the row is keyed on the signed-in user, never on an
// id the browser sends. Across tabs and devices the last write wins, except that a write must name the updatedAt
// it started from: a tab that missed a newer save is refused instead of overwriting it.
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import { db } from "../db";
import { isUniqueViolation } from "../certificates/prisma-errors";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { MAX_SUBMISSION_BYTES } from "../submissions/submission-input";
import { parseInput } from "../validation";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const SaveLabDraftSchema = z.object({
  courseSlug: slug,
  assignmentSlug: slug,
  // The same ceiling as a submission before the lab's own limit is known (checked below).
  code: z.string().max(MAX_SUBMISSION_BYTES),
  language: z.enum(["javascript", "typescript"]),
  /** The draft's updatedAt this write started from, or null when the editor opened without a draft. */
  baseUpdatedAt: z.iso.datetime().nullable(),
});

export interface LabDraftSnapshot {
  code: string;
  language: "javascript" | "typescript";
  updatedAt: string;
}

/** Thrown when another tab or device saved a newer draft since this one was loaded. */
export class StaleDraftError extends ConflictError {
  constructor() {
    super("A newer draft of this lab was saved from another tab or device. Reload the page to see it.");
  }
}

type DraftUser = Pick<CurrentUser, "id">;

async function enrolledLab(user: DraftUser, courseSlug: string, assignmentSlug: string) {
  const assignment = await db.assignment.findFirst({
    where: { slug: assignmentSlug, course: { slug: courseSlug } },
    select: {
      id: true,
      course: { select: { enrolments: { where: { userId: user.id }, select: { id: true } } } },
      versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true } },
    },
  });
  const version = assignment?.versions[0];
  if (!assignment || !version) throw new NotFoundError("There is no such lab.");
  if (!assignment.course.enrolments[0]) throw new ForbiddenError("Enrol in this course to keep drafts of its labs.");
  return { id: assignment.id, spec: AssignmentSpecSchema.parse(version.spec) };
}

function snapshot(row: { code: string; language: string; updatedAt: Date }): LabDraftSnapshot {
  return {
    code: row.code,
    language: row.language === "typescript" ? "typescript" : "javascript",
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The learner's own draft of a lab, or null when they have none (or are not enrolled: nothing was kept). */
export async function getLabDraft(
  user: DraftUser,
  courseSlug: string,
  assignmentSlug: string,
): Promise<LabDraftSnapshot | null> {
  const lab = await enrolledLab(user, courseSlug, assignmentSlug).catch((error: unknown) => {
    if (error instanceof ForbiddenError) return null;
    throw error;
  });
  if (!lab) return null;
  const row = await db.labDraft.findUnique({
    where: { userId_assignmentId: { userId: user.id, assignmentId: lab.id } },
    select: { code: true, language: true, updatedAt: true },
  });
  return row && snapshot(row);
}

/**
 * Stores the learner's draft if nobody saved a newer one since `baseUpdatedAt`. Returns the stored draft, whose
 * updatedAt the editor sends with its next write.
 */
export async function saveLabDraft(user: DraftUser, input: unknown): Promise<LabDraftSnapshot> {
  const { courseSlug, assignmentSlug, code, language, baseUpdatedAt } = parseInput(
    SaveLabDraftSchema,
    input,
    "Your draft could not be saved.",
  );
  const lab = await enrolledLab(user, courseSlug, assignmentSlug);
  const codeBytes = Buffer.byteLength(code, "utf8");
  if (codeBytes > lab.spec.budget.maxCodeBytes) {
    throw new ValidationError("Your draft could not be saved.", {
      code: [`Your code is ${codeBytes} bytes; this lab accepts at most ${lab.spec.budget.maxCodeBytes}.`],
    });
  }
  const key = { userId: user.id, assignmentId: lab.id };
  const select = { code: true, language: true, updatedAt: true } as const;
  if (baseUpdatedAt === null) {
    try {
      const created = await db.labDraft.create({ data: { ...key, code, language, updatedAt: new Date() }, select });
      return snapshot(created);
    } catch (error) {
      // Another tab created the draft first: this one started from nothing, so it is behind.
      if (isUniqueViolation(error)) throw new StaleDraftError();
      throw error;
    }
  }
  const base = new Date(baseUpdatedAt);
  // Strictly later than the base even within one millisecond, so every write changes what the next must name.
  const updatedAt = new Date(Math.max(Date.now(), base.getTime() + 1));
  // A compare-and-set in one statement: no read-then-write window for another tab's save to slip into.
  const { count } = await db.labDraft.updateMany({
    where: { ...key, updatedAt: base },
    data: { code, language, updatedAt },
  });
  if (count === 0) throw new StaleDraftError();
  return snapshot({ code, language, updatedAt });
}

/** Forgets the learner's draft of a lab ("Reset to starter code"), whatever tab wrote it. */
export async function deleteLabDraft(user: DraftUser, courseSlug: string, assignmentSlug: string): Promise<void> {
  const parsed = parseInput(z.object({ courseSlug: slug, assignmentSlug: slug }), { courseSlug, assignmentSlug });
  const lab = await enrolledLab(user, parsed.courseSlug, parsed.assignmentSlug);
  await db.labDraft.deleteMany({ where: { userId: user.id, assignmentId: lab.id } });
}
