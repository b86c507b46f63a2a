// What an analysis compares, read from Postgres: one submission per learner and lab run, the archive's
// files, and the code whose fingerprints never count (every
// version's starter code and the code blocks of the brief, the public part of the reference).
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import { taughtCoursesWhere } from "../courses/roles";
import { db } from "../db";
import type { SourceFile } from "./compare-files";
import { ArchiveFilesSchema } from "./read-archive";
import type { SourceLanguage } from "./tokenize-source";

/**
 * A learner's submissions that count: every one but those the platform failed to grade (the code is
 * the learner's whether or not grading has finished). "Latest" is the newest of them; "best" the one
 * with the best score by the lab's metric, or the newest when none is scored yet.
 */
const COUNTED_SUBMISSIONS = {
  OR: [{ status: { not: "ERROR" as const } }, { failureKind: "LEARNER" as const }],
};

export interface CollectedSources {
  files: SourceFile[];
  ignored: SourceFile[];
  /** Whose submission each submission key is, so a learner is never paired with themselves. */
  ownerOf: Map<string, string>;
  submissionCount: number;
}

export const submissionKey = (id: string) => `s:${id}`;
export const archiveKey = (path: string) => `a:${path}`;

const languageOf = (value: string): SourceLanguage => (value === "typescript" ? "typescript" : "javascript");
const languageOfPath = (path: string): SourceLanguage => (/\.[cm]?ts$/i.test(path) ? "typescript" : "javascript");

/** Fenced code blocks of a Markdown brief (every language's). */
function codeBlocksOf(brief: unknown): string[] {
  const texts = typeof brief === "object" && brief !== null ? Object.values(brief) : [];
  return texts.flatMap((text) =>
    typeof text === "string" ? [...text.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((match) => match[1] ?? "") : [],
  );
}

export async function collectSources(analysis: {
  assignmentId: string;
  requestedById: string;
  basis: "LATEST" | "BEST";
  includesOtherRuns: boolean;
  archiveFiles: unknown;
}): Promise<CollectedSources> {
  const lab = await db.assignment.findUniqueOrThrow({
    where: { id: analysis.assignmentId },
    select: { id: true, slug: true, courseId: true },
  });
  const labIds = [lab.id];
  if (analysis.includesOtherRuns) {
    const requester = await db.user.findUnique({
      where: { id: analysis.requestedById },
      select: { id: true, role: true },
    });
    if (requester) {
      const others = await db.assignment.findMany({
        where: { slug: lab.slug, id: { not: lab.id }, course: taughtCoursesWhere(requester) },
        select: { id: true },
      });
      labIds.push(...others.map((other) => other.id));
    }
  }
  const versions = await db.assignmentVersion.findMany({
    where: { assignmentId: { in: labIds } },
    select: { assignmentId: true, version: true, spec: true, starterCode: true, brief: true },
    orderBy: { version: "desc" },
  });
  const isLowerBetter = new Set(
    versions
      .filter((version) => AssignmentSpecSchema.safeParse(version.spec).data?.metric.direction === "lower")
      .map((version) => version.assignmentId),
  );
  const ignoredCode = new Set<string>();
  for (const version of versions) {
    if (version.starterCode.trim()) ignoredCode.add(version.starterCode);
    for (const block of codeBlocksOf(version.brief)) if (block.trim()) ignoredCode.add(block);
  }

  const submissions = await db.submission.findMany({
    where: { assignmentId: { in: labIds }, ...COUNTED_SUBMISSIONS },
    select: { id: true, userId: true, assignmentId: true, code: true, language: true, score: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const chosen = new Map<string, (typeof submissions)[number]>();
  for (const submission of submissions) {
    const key = `${submission.userId}:${submission.assignmentId}`;
    const held = chosen.get(key);
    if (!held) {
      chosen.set(key, submission);
      continue;
    }
    if (analysis.basis !== "BEST") continue;
    if (submission.score === null) continue;
    const isBetter =
      held.score === null ||
      (isLowerBetter.has(submission.assignmentId) ? submission.score < held.score : submission.score > held.score);
    if (isBetter) chosen.set(key, submission);
  }

  const files: SourceFile[] = [];
  const ownerOf = new Map<string, string>();
  for (const submission of chosen.values()) {
    const key = submissionKey(submission.id);
    files.push({ key, code: submission.code, language: languageOf(submission.language) });
    ownerOf.set(key, submission.userId);
  }
  for (const { path, code } of ArchiveFilesSchema.parse(analysis.archiveFiles ?? [])) {
    files.push({ key: archiveKey(path), code, language: languageOfPath(path) });
  }
  return {
    files,
    ignored: [...ignoredCode].map((code, index) => ({ key: `ignored:${index}`, code, language: "javascript" })),
    ownerOf,
    submissionCount: chosen.size,
  };
}
