"use server";

import { toActionResult, type ActionResult } from "@/app/_lib/action-result";
import { requireUser } from "@/lib/auth";
import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { reviewSimilarityPair } from "@/lib/similarity/review-similarity-pair";
import { startSimilarityAnalysis } from "@/lib/similarity/start-similarity-analysis";

// Each action authenticates again and lib/ checks the course and lab: a server action is a public endpoint.

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The run form's fields; the archive is read into memory here and parsed (size, paths, entries) in lib/. */
async function analysisInput(form: unknown): Promise<Record<string, unknown>> {
  if (!(form instanceof FormData)) return {};
  const archive = form.get("archive");
  const hasArchive = archive instanceof File && archive.size > 0;
  return {
    basis: text(form, "basis"),
    includesOtherRuns: text(form, "includesOtherRuns"),
    threshold: text(form, "threshold"),
    archive: hasArchive ? { name: archive.name, bytes: new Uint8Array(await archive.arrayBuffer()) } : null,
  };
}

export async function startSimilarityAnalysisAction(
  courseSlug: string,
  assignmentSlug: string,
  form: FormData,
): Promise<ActionResult<{ analysisId: string }>> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    const started = await startSimilarityAnalysis({
      viewer,
      courseSlug,
      assignmentSlug,
      input: await analysisInput(form),
    });
    revalidateLocalizedPath(`/instructor/courses/${courseSlug}/labs/${assignmentSlug}/similarity`);
    return started;
  });
}

export async function reviewSimilarityPairAction(
  courseSlug: string,
  assignmentSlug: string,
  analysisId: string,
  pairId: string,
  input: { decision: unknown; note: unknown; suspendCertificates: unknown },
): Promise<ActionResult<{ suspended: number }>> {
  return toActionResult(async () => {
    const actor = await requireUser();
    const { suspended } = await reviewSimilarityPair({ actor, courseSlug, assignmentSlug, analysisId, pairId, input });
    revalidateLocalizedPath(`/instructor/courses/${courseSlug}/labs/${assignmentSlug}/similarity/${analysisId}`);
    return { suspended: suspended.length };
  });
}
