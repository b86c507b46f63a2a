// How far the demo learner's work has got, read from the stored records only, so every start of
// the platform can tell what is done, what is being graded and what is still to do.
import { db } from "../db";
import type { SubmissionStatus } from "../generated/prisma/enums";
import { verifyUrl } from "../certificates/urls";

export interface DemoLabProgress {
  slug: string;
  /** The latest submission; null before the first. */
  submissionId: string | null;
  /** The latest submission's status; null before the first. */
  status: SubmissionStatus | null;
  /** What the grader said of the latest submission. */
  message: string | null;
}

export interface DemoProgress {
  learner: { id: string; role: "LEARNER" };
  courseId: string;
  courseSlug: string;
  /** The course's graded labs, in course order. */
  labs: DemoLabProgress[];
  /** Lesson quizzes, then the exam, that have no passed attempt yet. */
  quizzesToTake: string[];
  quizzesTotal: number;
  certificateUrl: string | null;
}

/** Null when the learner, or a published course they are enrolled in, is missing. */
export async function readDemoProgress(email: string): Promise<DemoProgress | null> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return null;
  const enrolment = await db.enrolment.findFirst({
    where: { userId: user.id, role: "LEARNER", course: { isPublished: true } },
    orderBy: { createdAt: "asc" },
    select: { course: { select: { id: true, slug: true } } },
  });
  if (!enrolment) return null;
  const { course } = enrolment;
  const [labs, quizzes, certificate] = await Promise.all([
    db.assignment.findMany({
      where: { courseId: course.id, isGraded: true },
      orderBy: { position: "asc" },
      select: {
        slug: true,
        submissions: {
          where: { userId: user.id },
          orderBy: { createdAt: "desc" },
          take: 1,
          select: { id: true, status: true, message: true },
        },
      },
    }),
    db.quiz.findMany({
      where: { courseId: course.id },
      select: {
        slug: true,
        lesson: { select: { position: true } },
        attempts: { where: { userId: user.id, isPassed: true }, take: 1, select: { id: true } },
      },
    }),
    db.certificate.findUnique({
      where: { userId_courseId: { userId: user.id, courseId: course.id } },
      select: { publicId: true },
    }),
  ]);
  return {
    learner: { id: user.id, role: "LEARNER" },
    courseId: course.id,
    courseSlug: course.slug,
    labs: labs.map((lab) => ({
      slug: lab.slug,
      submissionId: lab.submissions[0]?.id ?? null,
      status: lab.submissions[0]?.status ?? null,
      message: lab.submissions[0]?.message ?? null,
    })),
    quizzesToTake: quizzes
      .filter((quiz) => quiz.attempts.length === 0)
      // Lesson quizzes in lesson order, then the exam (which has no lesson), as a learner takes them.
      .sort((a, b) => (a.lesson?.position ?? Infinity) - (b.lesson?.position ?? Infinity))
      .map((quiz) => quiz.slug),
    quizzesTotal: quizzes.length,
    certificateUrl: certificate ? verifyUrl(certificate.publicId) : null,
  };
}

/** Whether a lab's latest submission is still waiting for, or in, the grader. */
export function isBeingGraded(lab: DemoLabProgress): boolean {
  return lab.status === "QUEUED" || lab.status === "RUNNING";
}
