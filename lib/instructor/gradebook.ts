// The course gradebook: every learner against every graded lab and every quiz, each cell with its
// best result and whether it is passed, plus the learner's certificate. The same table is the
// CSV export, so what an instructor downloads is what they saw.
import { AssignmentSpecSchema, type MetricSpec } from "../assignments/spec-schema";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { requireTaughtCourse, type Viewer } from "./course-access";
import { rubricOf } from "../assignments/rubric";
import { readReviewedLabs } from "../review/reviewed-results";

export interface GradebookCell {
  /**
   * Best lab score in the metric's units (lowest for error metrics), or best quiz score in percent; null when not
   * tried.
   */
  best: number | null;
  isPassed: boolean;
  /** Lab submissions or submitted quiz attempts. */
  tries: number;
  /** A lab with a rubric: the combined score (percent) of the latest released grade; absent otherwise. */
  combined?: number | null;
  /** A lab with a rubric whose autograder passed but whose released grade does not pass (yet). */
  isAwaitingReview?: boolean;
}

export interface GradebookColumn {
  kind: "lab" | "quiz" | "exam";
  slug: string;
  title: string;
  /** A lab's metric, so its scores read as the learner sees them; null for quizzes. */
  metricName: MetricSpec["name"] | null;
  /** Whether the lab has a rubric, so its cells pass on the combined score of a released grade. */
  hasRubric?: boolean;
}

/** The gradebook of a course `viewer` teaches. */
export async function getGradebook({
  viewer,
  courseSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  locale?: Locale;
}) {
  const course = await requireTaughtCourse(viewer, courseSlug, locale);
  const [learners, labs, quizzes, certificates] = await Promise.all([
    db.enrolment.findMany({
      where: { courseId: course.id, role: "LEARNER" },
      orderBy: [{ user: { name: "asc" } }, { user: { email: "asc" } }],
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    db.assignment.findMany({
      where: { courseId: course.id, isGraded: true },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
      select: {
        id: true,
        slug: true,
        title: true,
        versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true } },
      },
    }),
    db.quiz.findMany({
      where: { courseId: course.id },
      orderBy: [{ kind: "asc" }, { slug: "asc" }],
      select: { id: true, slug: true, title: true, kind: true, passPercent: true },
    }),
    db.certificate.findMany({
      where: { courseId: course.id },
      select: { userId: true, publicId: true, revokedAt: true, suspendedAt: true },
    }),
  ]);
  const learnerIds = learners.map((enrolment) => enrolment.user.id);
  const [labBest, labPassed, quizAttempts] = await Promise.all([
    db.submission.groupBy({
      by: ["userId", "assignmentId"],
      where: { userId: { in: learnerIds }, assignmentId: { in: labs.map((lab) => lab.id) } },
      _max: { score: true },
      _min: { score: true },
      _count: { _all: true },
    }),
    db.submission.groupBy({
      by: ["userId", "assignmentId"],
      where: { userId: { in: learnerIds }, assignmentId: { in: labs.map((lab) => lab.id) }, status: "PASSED" },
      _count: { _all: true },
    }),
    db.quizAttempt.findMany({
      where: { userId: { in: learnerIds }, quizId: { in: quizzes.map((quiz) => quiz.id) }, submittedAt: { not: null } },
      select: { userId: true, quizId: true, score: true, maxScore: true, isPassed: true },
    }),
  ]);

  const cells = new Map<string, GradebookCell>();
  const cellKey = (userId: string, itemId: string) => `${userId}:${itemId}`;
  const cellOf = (key: string) => cells.get(key) ?? { best: null, isPassed: false, tries: 0 };
  // "Best" follows the lab's metric: the highest accuracy, but the lowest error.
  const isLowerBetter = new Set(
    labs
      .filter((lab) => AssignmentSpecSchema.safeParse(lab.versions[0]?.spec).data?.metric.direction === "lower")
      .map((lab) => lab.id),
  );
  for (const row of labBest) {
    const best = isLowerBetter.has(row.assignmentId) ? row._min.score : row._max.score;
    cells.set(cellKey(row.userId, row.assignmentId), { best, isPassed: false, tries: row._count._all });
  }
  for (const row of labPassed) {
    const key = cellKey(row.userId, row.assignmentId);
    cells.set(key, { ...cellOf(key), isPassed: true });
  }
  // A lab with a rubric passes on its combined rule with a released grade, as the certificate's pass rule reads it.
  const rubricLabs = labs.flatMap((lab) => {
    const rubric = rubricOf(lab.versions[0]?.spec);
    return rubric ? [{ id: lab.id, rubric }] : [];
  });
  for (const lab of rubricLabs) {
    const reviewed = await readReviewedLabs(lab.id, lab.rubric, learnerIds);
    for (const [userId, result] of reviewed) {
      const key = cellKey(userId, lab.id);
      cells.set(key, {
        ...cellOf(key),
        isPassed: result.passed !== null,
        combined: result.latestCombined?.combinedPercent ?? null,
        isAwaitingReview: result.isAwaitingReview,
      });
    }
  }
  for (const attempt of quizAttempts) {
    const key = cellKey(attempt.userId, attempt.quizId);
    const cell = cellOf(key);
    const percent = attempt.score !== null && attempt.maxScore ? (100 * attempt.score) / attempt.maxScore : null;
    cells.set(key, {
      best: percent !== null && (cell.best === null || percent > cell.best) ? percent : cell.best,
      isPassed: cell.isPassed || attempt.isPassed === true,
      tries: cell.tries + 1,
    });
  }

  const items = [
    ...labs.map((lab) => ({
      id: lab.id,
      column: {
        kind: "lab" as const,
        slug: lab.slug,
        title: localize(lab.title, locale),
        metricName: AssignmentSpecSchema.safeParse(lab.versions[0]?.spec).data?.metric.name ?? null,
        ...(rubricOf(lab.versions[0]?.spec) ? { hasRubric: true } : {}),
      },
    })),
    ...quizzes.map((quiz) => ({
      id: quiz.id,
      column: {
        kind: quiz.kind === "EXAM" ? ("exam" as const) : ("quiz" as const),
        slug: quiz.slug,
        title: localize(quiz.title, locale),
        metricName: null,
      },
    })),
  ];
  const certificateByUser = new Map(certificates.map((certificate) => [certificate.userId, certificate]));
  return {
    course: { slug: course.slug, title: course.title },
    columns: items.map((item): GradebookColumn => item.column),
    rows: learners.map(({ user }) => {
      const certificate = certificateByUser.get(user.id);
      return {
        learner: user,
        cells: items.map((item) => cellOf(cellKey(user.id, item.id))),
        certificate: !certificate
          ? ("none" as const)
          : certificate.revokedAt
            ? ("revoked" as const)
            : certificate.suspendedAt
              ? ("suspended" as const)
              : ("issued" as const),
      };
    }),
  };
}
export type Gradebook = Awaited<ReturnType<typeof getGradebook>>;

// A spreadsheet would run a cell starting with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text =
    typeof value === "number" ? String(Number(value.toFixed(4))) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The gradebook as RFC 4180 CSV: one row per learner, a best and a passed column per lab and quiz. */
export function gradebookToCsv(gradebook: Gradebook): string {
  const header = [
    "learner",
    "email",
    ...gradebook.columns.flatMap((column) => [
      `${column.kind}:${column.slug} best`,
      ...(column.hasRubric ? [`${column.kind}:${column.slug} combined`] : []),
      `${column.kind}:${column.slug} passed`,
    ]),
    "certificate",
  ];
  const lines = gradebook.rows.map((row) => [
    row.learner.name,
    row.learner.email,
    ...row.cells.flatMap((cell, index) => [
      cell.best,
      ...(gradebook.columns[index]?.hasRubric ? [cell.combined ?? null] : []),
      cell.tries === 0 ? "" : cell.isPassed ? "yes" : cell.isAwaitingReview ? "awaiting review" : "no",
    ]),
    row.certificate,
  ]);
  return csvTable([header, ...lines]);
}

/** Rows of fields (the first one the header) as RFC 4180 CSV with CRLF line ends; the analytics downloads use it too. */
export function csvTable(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((fields) => fields.map(csvField).join(",")).join("\r\n") + "\r\n";
}
