import type { Locale } from "@/lib/courses/content-schema";
import { feedbackMessagesFor } from "@/lib/i18n/feedback-messages";
import { STATUS_TEXT, type SubmissionStatusName } from "@/lib/submissions/format";

/** A submission's status as a badge; in English where a page has not passed its reader's language yet. */
export function StatusBadge({ status, locale }: { status: SubmissionStatusName; locale?: Locale }) {
  const text = locale ? feedbackMessagesFor(locale).live.status[status] : STATUS_TEXT[status];
  return <span className={`badge ${status.toLowerCase()}`}>{text}</span>;
}
