// Names and Role Provisioning Services 2.0: reads an LMS course's members (the context membership
// service, paged through `Link: <...>; rel="next"`) into LtiRosterMember, so the instructor sees who
// is in the LMS course and who has not opened Gradient yet. Members the platform no longer lists are
// removed; a failed sync keeps the last good roster and says why.
import { z } from "zod";
import type { Viewer } from "../../instructor/course-access";
import { requireTaughtCourse } from "../../instructor/course-access";
import { db } from "../../db";
import { NotFoundError } from "../../errors";
import { getServiceToken } from "../access-token";
import { jsonOf, LtiServiceError, serviceRequest } from "../service-request";
import { MEDIA_TYPE, SCOPE } from "../vocabulary";

/** A roster longer than this many pages is refused rather than read for minutes. */
export const MAX_ROSTER_PAGES = 50;
/** One page of members; a platform's default page holds a few hundred. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;
const MAX_ERROR_CHARS = 500;

const text = (max: number) => z.string().max(max);

const MemberSchema = z.object({
  user_id: z.string().min(1).max(255),
  // NRPS: absent means Active; a value outside the three is read as Active rather than dropping the member.
  status: z.enum(["Active", "Inactive", "Deleted"]).catch("Active"),
  name: text(500).optional(),
  given_name: text(255).optional(),
  family_name: text(255).optional(),
  email: text(320).optional(),
  roles: z.array(text(500)).max(50).default([]),
});
type Member = z.infer<typeof MemberSchema>;

const MembershipContainerSchema = z.object({
  members: z.array(z.unknown()).max(100_000),
});

/** The `rel="next"` target of a Link header (RFC 8288), resolved against the page's URL. */
export function nextPageUrl(linkHeader: string | null, pageUrl: string): string | null {
  if (!linkHeader) return null;
  for (const part of linkHeader.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const [, target = "", params = ""] = match;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const relations = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
    if (relations.includes("next")) return new URL(target, pageUrl).toString();
  }
  return null;
}

function displayName(member: Member): string | null {
  const joined = [member.given_name, member.family_name].filter(Boolean).join(" ");
  return member.name?.trim() || joined || null;
}

async function readAllMembers(membershipsUrl: string, token: string): Promise<Map<string, Member>> {
  const members = new Map<string, Member>();
  const seen = new Set<string>();
  let url: string | null = membershipsUrl;
  for (let page = 1; url; page++) {
    if (page > MAX_ROSTER_PAGES)
      throw new LtiServiceError(
        `The platform's roster has more than ${MAX_ROSTER_PAGES} pages; it was not read.`,
        null,
      );
    // A next link that points back to an earlier page would loop until the cap: stop at once instead.
    if (seen.has(url)) throw new LtiServiceError("The platform's roster pages link back to themselves.", null);
    seen.add(url);
    const response = await serviceRequest(url, {
      what: "memberships",
      headers: { Authorization: `Bearer ${token}`, Accept: MEDIA_TYPE.memberships },
      maxBytes: MAX_PAGE_BYTES,
    });
    const container = MembershipContainerSchema.safeParse(jsonOf(response, "memberships"));
    if (!container.success)
      throw new LtiServiceError("The platform's roster answer has no members list.", response.status);
    for (const entry of container.data.members) {
      // One malformed member must not hide everyone else; it is left out.
      const member = MemberSchema.safeParse(entry);
      if (member.success) members.set(member.data.user_id, member.data);
    }
    url = nextPageUrl(response.headers.get("link"), url);
  }
  return members;
}

export interface RosterSyncResult {
  memberCount: number;
  removedCount: number;
  syncedAt: Date;
}

/**
 * Reads the roster of one LMS course (an LtiContext placed in the instructor's course) and stores it.
 * Only the course's instructors and admins may; a platform error is stored on the context and thrown.
 */
export async function syncRoster({
  viewer,
  courseSlug,
  ltiContextId,
}: {
  viewer: Viewer;
  courseSlug: string;
  ltiContextId: string;
}): Promise<RosterSyncResult> {
  const course = await requireTaughtCourse(viewer, courseSlug);
  const context = await db.ltiContext.findFirst({
    where: { id: ltiContextId, resourceLinks: { some: { courseId: course.id } } },
    select: {
      id: true,
      membershipsUrl: true,
      platform: { select: { id: true, clientId: true, accessTokenUrl: true, authServer: true, isEnabled: true } },
    },
  });
  // Another course's LMS course is indistinguishable from none.
  if (!context) throw new NotFoundError("This LMS course is not linked to this course.");
  if (!context.membershipsUrl || !context.platform.isEnabled) {
    const reason = context.platform.isEnabled
      ? "The LMS did not offer its roster service (Names and Role Provisioning) for this course."
      : "This LMS is disabled in Gradient.";
    await db.ltiContext.update({ where: { id: context.id }, data: { rosterError: reason } });
    throw new LtiServiceError(reason, null);
  }
  let members: Map<string, Member>;
  try {
    const token = await getServiceToken(context.platform, [SCOPE.membershipReadOnly]);
    members = await readAllMembers(context.membershipsUrl, token);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_CHARS);
    await db.ltiContext.update({ where: { id: context.id }, data: { rosterError: message } });
    throw error instanceof LtiServiceError ? error : new LtiServiceError(message, null);
  }
  const syncedAt = new Date();
  const removed = await db.$transaction(
    async (tx) => {
      for (const member of members.values()) {
        const data = {
          name: displayName(member),
          email: member.email ?? null,
          roles: member.roles,
          status: member.status,
          syncedAt,
        };
        await tx.ltiRosterMember.upsert({
          where: { ltiContextId_sub: { ltiContextId: context.id, sub: member.user_id } },
          create: { ltiContextId: context.id, sub: member.user_id, ...data },
          update: data,
        });
      }
      // Whoever this sync did not touch has left the LMS course.
      const gone = await tx.ltiRosterMember.deleteMany({
        where: { ltiContextId: context.id, syncedAt: { not: syncedAt } },
      });
      await tx.ltiContext.update({ where: { id: context.id }, data: { rosterSyncedAt: syncedAt, rosterError: null } });
      return gone.count;
    },
    { timeout: 120_000 },
  );
  return { memberCount: members.size, removedCount: removed, syncedAt };
}
