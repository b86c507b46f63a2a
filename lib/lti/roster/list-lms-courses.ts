// What the instructor's LMS page shows of each LMS course placed in a Gradient course: its platform,
// its placements (what each opens, whether it has a line item), the roster as last synced, and for
// every member whether they have opened Gradient from that LMS yet.
import type { Locale } from "../../courses/content-schema";
import { localize } from "../../courses/localize";
import { db } from "../../db";
import type { LtiTargetKind } from "../../generated/prisma/enums";
import { requireTaughtCourse, type Viewer } from "../../instructor/course-access";
import { TEACHING_ROLES } from "../vocabulary";

export interface LmsPlacement {
  id: string;
  title: string | null;
  targetKind: LtiTargetKind;
  /** The lab's or quiz's title in the reader's language; the course's for a COURSE placement. */
  targetTitle: string;
  hasLineItem: boolean;
}

export interface LmsMember {
  sub: string;
  name: string | null;
  email: string | null;
  /** Read from the LIS roles the platform gave: teaching roles make an instructor. */
  role: "instructor" | "learner";
  status: string;
  hasLaunched: boolean;
}

export interface LmsCourse {
  id: string;
  platformName: string;
  title: string | null;
  label: string | null;
  hasRosterService: boolean;
  hasGradeService: boolean;
  rosterSyncedAt: Date | null;
  rosterError: string | null;
  placements: LmsPlacement[];
  members: LmsMember[];
}

const TEACHING = new Set<string>(TEACHING_ROLES);

/** Context roles may come short ("Instructor") or as full LIS URIs; both are read. */
function roleOf(roles: string[]): LmsMember["role"] {
  const isTeaching = roles.some(
    (role) => TEACHING.has(role) || [...TEACHING].some((full) => full.endsWith(`#${role}`)),
  );
  return isTeaching ? "instructor" : "learner";
}

/** The LMS courses linked to the course at `courseSlug`, for its instructors and admins only. */
export async function listLmsCourses({
  viewer,
  courseSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  locale?: Locale;
}): Promise<{ course: { id: string; slug: string; title: string }; lmsCourses: LmsCourse[] }> {
  const course = await requireTaughtCourse(viewer, courseSlug, locale);
  const contexts = await db.ltiContext.findMany({
    where: { resourceLinks: { some: { courseId: course.id } } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      platformId: true,
      title: true,
      label: true,
      membershipsUrl: true,
      lineItemsUrl: true,
      agsScopes: true,
      rosterSyncedAt: true,
      rosterError: true,
      platform: { select: { name: true } },
      resourceLinks: {
        where: { courseId: course.id },
        orderBy: { createdAt: "asc" },
        select: { id: true, title: true, targetKind: true, targetId: true, lineItemUrl: true },
      },
      members: {
        orderBy: [{ name: "asc" }, { sub: "asc" }],
        select: { sub: true, name: true, email: true, roles: true, status: true },
      },
    },
  });
  const targetIds = contexts.flatMap((context) =>
    context.resourceLinks.flatMap((link) => (link.targetId ? [link.targetId] : [])),
  );
  const [assignments, quizzes, accounts] = await Promise.all([
    db.assignment.findMany({
      where: { id: { in: targetIds }, courseId: course.id },
      select: { id: true, title: true },
    }),
    db.quiz.findMany({ where: { id: { in: targetIds }, courseId: course.id }, select: { id: true, title: true } }),
    db.ltiUser.findMany({
      where: {
        OR: contexts.map((context) => ({
          platformId: context.platformId,
          sub: { in: context.members.map((member) => member.sub) },
        })),
      },
      select: { platformId: true, sub: true },
    }),
  ]);
  const titles = new Map([...assignments, ...quizzes].map((target) => [target.id, localize(target.title, locale)]));
  const launched = new Set(accounts.map((account) => `${account.platformId} ${account.sub}`));
  return {
    course,
    lmsCourses: contexts.map((context) => ({
      id: context.id,
      platformName: context.platform.name,
      title: context.title,
      label: context.label,
      hasRosterService: context.membershipsUrl !== null,
      hasGradeService: context.agsScopes.length > 0,
      rosterSyncedAt: context.rosterSyncedAt,
      rosterError: context.rosterError,
      placements: context.resourceLinks.map((link) => ({
        id: link.id,
        title: link.title,
        targetKind: link.targetKind,
        targetTitle: link.targetId ? (titles.get(link.targetId) ?? "") : course.title,
        hasLineItem: link.lineItemUrl !== null,
      })),
      members: context.members.map((member) => ({
        sub: member.sub,
        name: member.name,
        email: member.email,
        role: roleOf(member.roles),
        status: member.status,
        hasLaunched: launched.has(`${context.platformId} ${member.sub}`),
      })),
    })),
  };
}
