import type { Locale } from "@/lib/courses/content-schema";
import { submissionStatusText } from "@/lib/i18n/status-messages";
import type { SubmissionStatusName } from "@/lib/submissions/format";

export function StatusBadge({ status, locale = "en" }: { status: SubmissionStatusName; locale?: Locale }) {
  return <span className={`badge ${status.toLowerCase()}`}>{submissionStatusText(locale)[status]}</span>;
}
