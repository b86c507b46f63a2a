import type { AnalyticsDataset } from "@/lib/analytics/datasets";
import type { AnalyticsMessages } from "@/lib/i18n/analytics-messages";

/** The download of one analytics table; a plain link, so the browser saves the file the route names. */
export function CsvLink({
  courseSlug,
  dataset,
  t,
}: {
  courseSlug: string;
  dataset: AnalyticsDataset;
  t: AnalyticsMessages;
}) {
  return (
    <a
      href={`/instructor/courses/${courseSlug}/analytics/csv/${dataset}`}
      download
      className="button secondary"
      data-testid={`analytics-csv-${dataset}`}
    >
      {t.csv(t.datasets[dataset])}
    </a>
  );
}
