import type { Locale } from "@/lib/courses/content-schema";
import { submissionStatusText } from "@/lib/i18n/status-messages";
import type { SubmissionStatusName } from "@/lib/submissions/format";

export function StatusBadge({
  status,
  locale = "en",
  testId,
}: {
  status: SubmissionStatusName;
  locale?: Locale;
  testId?: string;
}) {
  return (
    <span className={`badge ${status.toLowerCase()}`} data-testid={testId}>
      {submissionStatusText(locale)[status]}
    </span>
  );
}
