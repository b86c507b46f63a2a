import type { SimilarityMessages } from "@/lib/i18n/similarity-messages";

interface AnalysisProgressProps {
  analysis: { status: "QUEUED" | "RUNNING" | "DONE" | "FAILED"; progress: number; error: string | null };
  t: Pick<SimilarityMessages, "statusName" | "progress" | "failed">;
}

/** An analysis's state in words, with a progress bar while it runs (the page refreshes itself meanwhile). */
export function AnalysisProgress({ analysis, t }: AnalysisProgressProps) {
  if (analysis.status === "FAILED")
    return <span className="field-error">{t.failed(analysis.error ?? t.statusName.FAILED)}</span>;
  if (analysis.status === "DONE") return <span data-testid="analysis-status">{t.statusName.DONE}</span>;
  return (
    <span data-testid="analysis-status">
      {t.statusName[analysis.status]}
      <br />
      <progress value={analysis.progress} max={1} aria-label={t.progress(analysis.progress)} />{" "}
      <span className="muted">{t.progress(analysis.progress)}</span>
    </span>
  );
}
