import type { SubmissionStatus } from "@/lib/generated/prisma/enums";

const LABELS: Record<SubmissionStatus, string> = { QUEUED: "Queued", RUNNING: "Running", PASSED: "Passed", FAILED: "Failed", ERROR: "Error" };

export function SubmissionStatusBadge({ status }: { status: SubmissionStatus }) {
  return <span className={`badge ${status.toLowerCase()}`}>{LABELS[status]}</span>;
}
