import { STATUS_TEXT, type SubmissionStatusName } from "@/lib/submissions/format";

export function StatusBadge({ status, testId }: { status: SubmissionStatusName; testId?: string }) {
  return (
    <span className={`badge ${status.toLowerCase()}`} data-testid={testId}>
      {STATUS_TEXT[status]}
    </span>
  );
}
