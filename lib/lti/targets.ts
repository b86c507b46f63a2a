// What a placement of Gradient in an LMS opens: a course, a lab, a lesson quiz or the final exam.
// Deep linking returns a target as the resource link's URL (its target_link_uri), a plain address on
// this site, so every later launch says what it opens without any state of Gradient's own.
import { z } from "zod";
import { db } from "../db";
import { publicUrl } from "../env";
import { NotFoundError } from "../errors";
import type { LtiTargetKind } from "../generated/prisma/enums";

const SlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const LtiTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("course"), courseSlug: SlugSchema }),
  z.object({ kind: z.literal("lab"), courseSlug: SlugSchema, slug: SlugSchema }),
  z.object({ kind: z.literal("quiz"), courseSlug: SlugSchema, slug: SlugSchema }),
  z.object({ kind: z.literal("exam"), courseSlug: SlugSchema, slug: SlugSchema }),
]);
export type LtiTarget = z.infer<typeof LtiTargetSchema>;

const OPEN_PATH = "/lti/open/";

/** The address a resource link for `target` launches to (the content item's url, later target_link_uri). */
export function targetLinkUri(target: LtiTarget): string {
  const parts =
    target.kind === "course" ? [target.kind, target.courseSlug] : [target.kind, target.courseSlug, target.slug];
  return `${publicUrl}${OPEN_PATH}${parts.map(encodeURIComponent).join("/")}`;
}

/** The target an address of targetLinkUri names, or null for any other address (another site included). */
export function parseTargetLinkUri(uri: string): LtiTarget | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (url.origin !== new URL(publicUrl).origin || !url.pathname.startsWith(OPEN_PATH)) return null;
  const [kind, courseSlug, slug, ...rest] = url.pathname.slice(OPEN_PATH.length).split("/");
  if (rest.length > 0) return null;
  const parsed = LtiTargetSchema.safeParse({ kind, courseSlug, slug });
  return parsed.success ? parsed.data : null;
}

export interface ResolvedTarget {
  courseId: string;
  targetKind: LtiTargetKind;
  /** The assignment or quiz id; null for a course. */
  targetId: string | null;
  /** The page it opens, without the language prefix. */
  pagePath: string;
}

/** The course and record a target names, as stored now; NotFoundError when it no longer exists. */
export async function resolveTarget(target: LtiTarget): Promise<ResolvedTarget> {
  const course = await db.course.findUnique({
    where: { slug: target.courseSlug },
    select: { id: true, isPublished: true },
  });
  // An unpublished course is not open to anyone yet, and a platform's placement is no way around that.
  if (!course?.isPublished) throw new NotFoundError("The course this link opens no longer exists.");
  const coursePath = `/courses/${target.courseSlug}`;
  switch (target.kind) {
    case "course":
      return { courseId: course.id, targetKind: "COURSE", targetId: null, pagePath: coursePath };
    case "lab": {
      const lab = await db.assignment.findUnique({
        where: { courseId_slug: { courseId: course.id, slug: target.slug } },
        select: { id: true },
      });
      if (!lab) throw new NotFoundError("The lab this link opens no longer exists.");
      return {
        courseId: course.id,
        targetKind: "LAB",
        targetId: lab.id,
        pagePath: `${coursePath}/labs/${target.slug}`,
      };
    }
    case "quiz":
    case "exam": {
      const quiz = await db.quiz.findUnique({
        where: { courseId_slug: { courseId: course.id, slug: target.slug } },
        select: { id: true, kind: true, lesson: { select: { slug: true } } },
      });
      const expectedKind = target.kind === "exam" ? "EXAM" : "LESSON";
      if (!quiz || quiz.kind !== expectedKind) throw new NotFoundError("The quiz this link opens no longer exists.");
      if (quiz.kind === "EXAM")
        return { courseId: course.id, targetKind: "EXAM", targetId: quiz.id, pagePath: `${coursePath}/exam` };
      const pagePath = quiz.lesson ? `${coursePath}/lessons/${quiz.lesson.slug}` : coursePath;
      return { courseId: course.id, targetKind: "QUIZ", targetId: quiz.id, pagePath };
    }
  }
}
