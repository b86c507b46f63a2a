// What the deep linking picker offers one instructor: every published course, and in each the course
// itself, its graded labs, its lesson quizzes and its final exam, in the reader's language. Each
// item carries its LtiTarget (what the returned resource link opens) and whether it is graded (a
// grade column is created for it when the platform accepts line items).
import type { Locale } from "../../courses/content-schema";
import { localize } from "../../courses/localize";
import { db } from "../../db";
import type { LtiTarget } from "../targets";
import { requireOpenDeepLinkRequest } from "./open-deep-link-request";
import { targetKeyOf } from "./target-key";

export interface PickableItem {
  /** The form value and the line item's resourceId (lib/lti/deep-linking/target-key.ts). */
  key: string;
  target: LtiTarget;
  title: string;
  /** The lesson a quiz belongs to; null for anything else, or a quiz no lesson holds. */
  lessonTitle: string | null;
  /** The content item's text: the course's summary; null when the item has none. */
  text: string | null;
  /** Scores are sent back for it (lib/lti/scores): a line item is worth creating. */
  isGraded: boolean;
}

export interface PickableCourse {
  slug: string;
  title: string;
  items: PickableItem[];
}

export interface DeepLinkPicker {
  requestId: string;
  platformName: string;
  expiresAt: Date;
  /** Several items may be returned at once (accept_multiple). */
  acceptsMultiple: boolean;
  /** The platform creates grade columns for returned line items (accept_lineitem not false). */
  createsLineItems: boolean;
  /** The title the platform suggests for what is returned, if any. */
  suggestedTitle: string | null;
  courses: PickableCourse[];
}

function item(target: LtiTarget, fields: Omit<PickableItem, "key" | "target">): PickableItem {
  return { key: targetKeyOf(target), target, ...fields };
}

/** Every item the picker may return, grouped by course; no course when none is published. */
export async function listPickableCourses(locale: Locale): Promise<PickableCourse[]> {
  const courses = await db.course.findMany({
    where: { isPublished: true },
    orderBy: { createdAt: "asc" },
    select: {
      slug: true,
      title: true,
      summary: true,
      assignments: {
        where: { isGraded: true },
        orderBy: [{ position: "asc" }, { slug: "asc" }],
        select: { slug: true, title: true },
      },
      quizzes: {
        select: { slug: true, kind: true, title: true, lesson: { select: { title: true, position: true } } },
      },
    },
  });
  return courses.map((course) => {
    const courseSlug = course.slug;
    const summary = localize(course.summary, locale);
    const lessonQuizzes = course.quizzes
      .filter((quiz) => quiz.kind === "LESSON")
      // In the order of the lessons they follow; a quiz no lesson holds comes last.
      .sort(
        (a, b) => (a.lesson?.position ?? Infinity) - (b.lesson?.position ?? Infinity) || a.slug.localeCompare(b.slug),
      );
    const exams = course.quizzes.filter((quiz) => quiz.kind === "EXAM");
    return {
      slug: courseSlug,
      title: localize(course.title, locale),
      items: [
        // The course's final score is sent back too, so a course is graded like the rest.
        item(
          { kind: "course", courseSlug },
          { title: localize(course.title, locale), lessonTitle: null, text: summary || null, isGraded: true },
        ),
        ...course.assignments.map((lab) =>
          item(
            { kind: "lab", courseSlug, slug: lab.slug },
            { title: localize(lab.title, locale), lessonTitle: null, text: null, isGraded: true },
          ),
        ),
        ...lessonQuizzes.map((quiz) =>
          item(
            { kind: "quiz", courseSlug, slug: quiz.slug },
            {
              title: localize(quiz.title, locale),
              lessonTitle: quiz.lesson ? localize(quiz.lesson.title, locale) : null,
              text: null,
              isGraded: true,
            },
          ),
        ),
        ...exams.map((exam) =>
          item(
            { kind: "exam", courseSlug, slug: exam.slug },
            { title: localize(exam.title, locale), lessonTitle: null, text: null, isGraded: true },
          ),
        ),
      ],
    };
  });
}

/** The picker of the signed-in user's own open request; DeepLinkRefusedError when it cannot be answered. */
export async function listPickableItems({
  userId,
  requestId,
  locale,
}: {
  userId: string;
  requestId: unknown;
  locale: Locale;
}): Promise<DeepLinkPicker> {
  const request = await requireOpenDeepLinkRequest(userId, requestId);
  const { settings } = request;
  return {
    requestId: request.id,
    platformName: request.platform.name,
    expiresAt: request.expiresAt,
    acceptsMultiple: settings.accept_multiple === true,
    createsLineItems: settings.accept_lineitem !== false,
    suggestedTitle: settings.title?.trim() || null,
    courses: await listPickableCourses(locale),
  };
}
