// What a validated resource link launch does: finds what the link opens, signs the platform's user
// in to their own Gradient account, records the platform's course and the placement (with the line
// item scores go back to), enrols the account in the course with the role the platform gives, and
// answers with the page to open. The enrolment role follows the platform on every launch, so a
// teaching assistant who is removed on the LMS stops being one here at their next launch.
import { recordAudit } from "../audit/record-audit";
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { NotFoundError } from "../errors";
import type { CourseRole } from "../generated/prisma/enums";
import type { LaunchClaims, ResourceLinkClaims } from "./claims";
import { findOrCreateLtiAccount } from "./launch-account";
import { upsertLtiContext } from "./launch-context";
import { LaunchRefusedError } from "./launch-errors";
import { ltiLocaleOf } from "./lti-page";
import type { SessionAccount } from "./session-cookie";
import { parseTargetLinkUri, resolveTarget, type ResolvedTarget } from "./targets";
import type { LaunchPlatform } from "./validate-launch";
import { CLAIM, MESSAGE_TYPE, TEACHING_ROLES } from "./vocabulary";

export interface CompletedLaunch {
  account: SessionAccount;
  /** The page to open, without the language prefix. */
  pagePath: string;
  /** The language the launch asked for, when it named one. */
  locale: Locale | null;
}

export interface LaunchInput<Claims extends LaunchClaims = LaunchClaims> {
  platform: LaunchPlatform;
  deploymentId: string;
  claims: Claims;
  now?: Date;
}

/** Narrows a launch to a resource link (TypeScript does not narrow on a computed claim name). */
export function isResourceLinkLaunch(claims: LaunchClaims): claims is ResourceLinkClaims {
  return claims[CLAIM.messageType] === MESSAGE_TYPE.resourceLink;
}

/** Whether the platform gives this user a teaching role in the context (Instructor, TA, course admin). */
export function isTeachingLaunch(claims: LaunchClaims): boolean {
  const teaching: readonly string[] = TEACHING_ROLES;
  return claims[CLAIM.roles].some((role) => teaching.includes(role));
}

/** The launch's language (launch_presentation first, then the user's locale claim), or null when it names none. */
export function launchLocaleOf(claims: LaunchClaims): Locale | null {
  const hint = claims[CLAIM.launchPresentation]?.locale ?? claims.locale;
  return hint ? ltiLocaleOf(hint) : null;
}

/** Saves the launch's language as the account's, so the pages (and their emails) speak it too. */
export async function saveLaunchLocale(userId: string, claims: LaunchClaims): Promise<Locale | null> {
  const locale = launchLocaleOf(claims);
  if (locale) await db.user.update({ where: { id: userId }, data: { locale } });
  return locale;
}

async function targetOf(claims: ResourceLinkClaims): Promise<ResolvedTarget> {
  const uri = claims[CLAIM.targetLinkUri];
  const target = parseTargetLinkUri(uri);
  if (!target) throw new LaunchRefusedError("not_a_target", `${uri} is not a Gradient target address`);
  try {
    return await resolveTarget(target);
  } catch (error) {
    if (error instanceof NotFoundError) throw new LaunchRefusedError("unknown_target", `${uri}: ${error.message}`);
    throw error;
  }
}

export async function completeResourceLinkLaunch({
  platform,
  deploymentId,
  claims,
  now = new Date(),
}: LaunchInput<ResourceLinkClaims>): Promise<CompletedLaunch> {
  // The target first: a link to nothing creates no account.
  const target = await targetOf(claims);
  const account = await findOrCreateLtiAccount({ platformId: platform.id, claims, now });
  const role: CourseRole = isTeachingLaunch(claims) ? "INSTRUCTOR" : "LEARNER";
  const resourceLink = claims[CLAIM.resourceLink];
  const lineItemUrl = claims[CLAIM.agsEndpoint]?.lineitem;
  await db.$transaction(async (tx) => {
    const ltiContextId = await upsertLtiContext(tx, { platformId: platform.id, deploymentId, claims });
    let resourceLinkRowId: string | null = null;
    if (ltiContextId) {
      const placement = {
        courseId: target.courseId,
        targetKind: target.targetKind,
        targetId: target.targetId,
        title: resourceLink.title ?? null,
        // Kept when a launch leaves it out: the line item deep linking created stays the link's.
        ...(lineItemUrl ? { lineItemUrl } : {}),
      };
      const row = await tx.ltiResourceLink.upsert({
        where: { ltiContextId_resourceLinkId: { ltiContextId, resourceLinkId: resourceLink.id } },
        create: { ltiContextId, resourceLinkId: resourceLink.id, ...placement },
        update: placement,
        select: { id: true },
      });
      resourceLinkRowId = row.id;
    }
    await tx.enrolment.upsert({
      where: { userId_courseId: { userId: account.id, courseId: target.courseId } },
      create: { userId: account.id, courseId: target.courseId, role },
      update: { role },
    });
    await recordAudit({
      tx,
      actorId: account.id,
      action: "lti.launch",
      targetType: resourceLinkRowId ? "LtiResourceLink" : "Course",
      targetId: resourceLinkRowId ?? target.courseId,
      courseId: target.courseId,
      details: {
        platformId: platform.id,
        deploymentId,
        messageType: claims[CLAIM.messageType],
        resourceLinkId: resourceLink.id,
        contextId: claims[CLAIM.context]?.id ?? null,
        role,
        isNewAccount: account.isNew,
      },
    });
  });
  const locale = await saveLaunchLocale(account.id, claims);
  return { account: { id: account.id, name: account.name, email: account.email }, pagePath: target.pagePath, locale };
}
