// A learner's stored results in one course, in the shape the pass rule reads.
import { parseCertificationRecord } from "../assignments/certification";
import { db } from "../db";
import { PassRuleSchema, type PassRule } from "../courses/content-schema";
import { localize } from "../courses/localize";
import type { CourseResults } from "./pass-rule";
import { rubricOf } from "../assignments/rubric";
import { readReviewedLabs } from "../review/reviewed-results";

export async function loadPassRule(
  courseId: string,
): Promise<{ slug: string; title: string; summary: string; passRule: PassRule }> {
  const course = await db.course.findUniqueOrThrow({
    where: { id: courseId },
    select: { slug: true, title: true, summary: true, passRule: true },
  });
  return {
    slug: course.slug,
    title: localize(course.title),
    summary: localize(course.summary),
    passRule: PassRuleSchema.parse(course.passRule),
  };
}

function passedReceipt<Row extends { certification: unknown }>(
  row: Row | undefined,
): (Omit<Row, "certification"> & { certification: ReturnType<typeof parseCertificationRecord> }) | null {
  return row ? { ...row, certification: parseCertificationRecord(row.certification) } : null;
}

export async function loadCourseResults(userId: string, courseId: string): Promise<CourseResults> {
  const [assignments, quizzes] = await Promise.all([
    db.assignment.findMany({
      where: { courseId, isGraded: true },
      orderBy: { position: "asc" },
      select: {
        id: true,
        slug: true,
        title: true,
        versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true } },
        submissions: {
          where: { userId, status: "PASSED" },
          orderBy: [{ finishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
          take: 1,
          select: {
            codeSha256: true,
            heldOutSha256: true,
            graderVersion: true,
            backend: true,
            seed: true,
            score: true,
            threshold: true,
            certification: true,
          },
        },
      },
    }),
    db.quiz.findMany({
      where: { courseId },
      select: {
        slug: true,
        kind: true,
        attempts: {
          where: { userId, submittedAt: { not: null }, maxScore: { gt: 0 } },
          select: { score: true, maxScore: true },
        },
      },
    }),
  ]);
  const best = (attempts: { score: number | null; maxScore: number | null }[]) => {
    const percents = attempts.flatMap((attempt) =>
      attempt.score !== null && attempt.maxScore ? [(attempt.score / attempt.maxScore) * 100] : [],
    );
    return percents.length > 0 ? Math.max(...percents) : null;
  };
  const labs = await Promise.all(
    assignments.map(async (assignment) => {
      const rubric = rubricOf(assignment.versions[0]?.spec);
      if (!rubric)
        return {
          slug: assignment.slug,
          title: localize(assignment.title),
          passed: passedReceipt(assignment.submissions[0]),
        };
      // A lab with a rubric passes on a released grade that meets its combined rule, and only then.
      const reviewed = (await readReviewedLabs(assignment.id, rubric, [userId])).get(userId);
      return {
        slug: assignment.slug,
        title: localize(assignment.title),
        passed: passedReceipt(reviewed?.passed?.receipt),
        isAwaitingReview: reviewed?.isAwaitingReview ?? false,
      };
    }),
  );
  return {
    labs,
    lessonQuizzes: quizzes
      .filter((quiz) => quiz.kind === "LESSON")
      .map((quiz) => ({ slug: quiz.slug, bestPercent: best(quiz.attempts) })),
    exams: quizzes
      .filter((quiz) => quiz.kind === "EXAM")
      .map((quiz) => ({ slug: quiz.slug, bestPercent: best(quiz.attempts) })),
  };
}
