import { STATUS_TEXT, type SubmissionStatusName } from "@/lib/submissions/format";

export function StatusBadge({ status }: { status: SubmissionStatusName }) {
  return <span className={`badge ${status.toLowerCase()}`}>{STATUS_TEXT[status]}</span>;
}
