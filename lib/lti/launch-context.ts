// The platform's course (its context claim) as Gradient keeps it: the title, the deployment it was
// launched through, and the service endpoints its launches carry (NRPS roster, AGS line items),
// which the roster sync and score passback use later without any launch at hand, and the launcher's
// membership of it.
import type { Prisma } from "../generated/prisma/client";
import type { LaunchClaims } from "./claims";
import { CLAIM } from "./vocabulary";

/** Upserts the launch's context; null when the launch has none (a placement outside any course). */
export async function upsertLtiContext(
  tx: Prisma.TransactionClient,
  { platformId, deploymentId, claims }: { platformId: string; deploymentId: string; claims: LaunchClaims },
): Promise<string | null> {
  const context = claims[CLAIM.context];
  if (!context) return null;
  const ags = claims[CLAIM.agsEndpoint];
  const nrps = claims[CLAIM.nrpsService];
  // A launch without a service claim leaves the endpoint as an earlier launch gave it: some
  // platforms send the claims on resource link launches only, not on deep linking requests.
  const services = {
    ...(nrps ? { membershipsUrl: nrps.context_memberships_url } : {}),
    ...(ags ? { lineItemsUrl: ags.lineitems ?? null, agsScopes: ags.scope } : {}),
  };
  const details = { deploymentId, title: context.title ?? null, label: context.label ?? null, ...services };
  const row = await tx.ltiContext.upsert({
    where: { platformId_contextId: { platformId, contextId: context.id } },
    create: { platformId, contextId: context.id, ...details },
    update: details,
    select: { id: true },
  });
  // The launch itself says this person is a member of the context, with these roles: score
  // passback posts only to contexts a learner is a member of, so a placement in another section
  // of the same platform is never sent a score its LMS would refuse. A roster sync refreshes the row.
  const member = {
    name: claims.name ?? null,
    email: claims.email ?? null,
    roles: claims[CLAIM.roles],
    status: "Active",
    syncedAt: new Date(),
  };
  await tx.ltiRosterMember.upsert({
    where: { ltiContextId_sub: { ltiContextId: row.id, sub: claims.sub } },
    create: { ltiContextId: row.id, sub: claims.sub, ...member },
    update: member,
  });
  return row.id;
}
