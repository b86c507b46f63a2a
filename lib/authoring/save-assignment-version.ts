// Writes one assignment (spec, briefs, starter) as its newest version, the way importAssignments
// does for files: nothing changes when all three are as in the latest version; otherwise a new
// version is added and earlier ones, with the submissions graded against them, stay as they were.
import type { LoadedAssignment } from "../assignments/load-assignment";
import { specSha256 } from "../assignments/spec-hash";
import type { Prisma } from "../generated/prisma/client";

export interface SaveAssignmentVersionOptions {
  tx: Prisma.TransactionClient;
  courseId: string;
  position: number;
  assignment: Omit<LoadedAssignment, "dir">;
  actorId: string;
}

export async function saveAssignmentVersion({
  tx,
  courseId,
  position,
  assignment,
  actorId,
}: SaveAssignmentVersionOptions) {
  const { spec, briefs, starter } = assignment;
  const hash = specSha256(spec);
  const saved = await tx.assignment.upsert({
    where: { courseId_slug: { courseId, slug: spec.slug } },
    create: { courseId, slug: spec.slug, position, title: spec.title },
    update: { position, title: spec.title },
    select: {
      id: true,
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: { specSha256: true, brief: true, starterCode: true, version: true },
      },
    },
  });
  const latest = saved.versions[0];
  const brief = { en: briefs.en, "zh-CN": briefs["zh-CN"] };
  const isUnchanged =
    latest &&
    latest.specSha256 === hash &&
    latest.starterCode === starter &&
    JSON.stringify(latest.brief) === JSON.stringify(brief);
  if (isUnchanged) return { assignmentId: saved.id, version: latest.version, isNewVersion: false };
  const version = (latest?.version ?? 0) + 1;
  await tx.assignmentVersion.create({
    data: {
      assignmentId: saved.id,
      version,
      spec,
      specSha256: hash,
      brief,
      starterCode: starter,
      deadline: spec.deadline ? new Date(spec.deadline) : null,
      maxAttempts: spec.maxAttempts ?? null,
      createdById: actorId,
    },
  });
  return { assignmentId: saved.id, version, isNewVersion: true };
}
