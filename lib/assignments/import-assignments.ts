// Imports a course's lab folders. A lab whose spec, brief or starter changed gets a new version;
// submissions keep pointing at the version they were graded against.
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { DatasetPreview } from "./dataset-preview";
import { loadAssignment } from "./load-assignment";
import type { AssignmentSpec } from "./spec-schema";
import { specSha256 } from "./spec-hash";

/**
 * `previewOf` makes a lab's data preview (the seed passes the grader's; it reads the data sets,
 * which the web app never does). A version that has no preview yet gets one too.
 */
export async function importAssignments(
  courseId: string,
  courseSlug: string,
  slugs: string[],
  previewOf?: (spec: AssignmentSpec) => DatasetPreview | null,
): Promise<number> {
  let newVersions = 0;
  for (const [position, slug] of slugs.entries()) {
    const loaded = loadAssignment(courseSlug, slug);
    const hash = specSha256(loaded.spec);
    const assignment = await db.assignment.upsert({
      where: { courseId_slug: { courseId, slug } },
      create: { courseId, slug, position, title: loaded.spec.title },
      update: { position, title: loaded.spec.title },
      select: {
        id: true,
        versions: {
          orderBy: { version: "desc" },
          take: 1,
          select: { id: true, specSha256: true, brief: true, starterCode: true, version: true, preview: true },
        },
      },
    });
    const latest = assignment.versions[0];
    const brief = loaded.briefs as Prisma.InputJsonValue;
    const isUnchanged =
      latest &&
      latest.specSha256 === hash &&
      latest.starterCode === loaded.starter &&
      JSON.stringify(latest.brief) === JSON.stringify(brief);
    if (isUnchanged) {
      const preview = latest.preview === null ? previewOf?.(loaded.spec) : null;
      if (preview) await db.assignmentVersion.update({ where: { id: latest.id }, data: { preview } });
      continue;
    }
    await db.assignmentVersion.create({
      data: {
        assignmentId: assignment.id,
        version: (latest?.version ?? 0) + 1,
        spec: loaded.spec,
        specSha256: hash,
        brief,
        starterCode: loaded.starter,
        preview: previewOf?.(loaded.spec) ?? undefined,
        deadline: loaded.spec.deadline ? new Date(loaded.spec.deadline) : null,
        maxAttempts: loaded.spec.maxAttempts ?? null,
      },
    });
    newVersions++;
  }
  return newVersions;
}
