import type { SimilarityMessages } from "@/lib/i18n/similarity-messages";

/** Changes the threshold the page shows by (a GET form: the address keeps it, nothing is written). */
export function ThresholdForm({
  action,
  threshold,
  t,
}: {
  action: string;
  threshold: number;
  t: Pick<SimilarityMessages, "thresholdForm" | "threshold" | "apply">;
}) {
  return (
    <form
      method="get"
      action={action}
      aria-label={t.thresholdForm}
      style={{ display: "flex", gap: "0.5rem", alignItems: "end", flexWrap: "wrap" }}
    >
      <div className="field">
        <label htmlFor="threshold">{t.threshold}</label>
        <input id="threshold" name="threshold" inputMode="decimal" defaultValue={String(threshold)} size={6} />
      </div>
      <button type="submit" className="button">
        {t.apply}
      </button>
    </form>
  );
}
