"use client";

import { useEffect, useState } from "react";
import { isFinished, STATUS_TEXT, type SubmissionStatusName } from "@/lib/submissions/format";

/**
 * A status badge that follows a submission still being graded, through its event stream. Only a
 * few badges on a page follow: each stream holds one of the browser's few connections per host.
 */
export function LiveStatusBadge({
  submissionId,
  initialStatus,
  isFollowed,
  labels = STATUS_TEXT,
}: {
  submissionId: string;
  initialStatus: SubmissionStatusName;
  isFollowed: boolean;
  /** The statuses' words in the page's language. */
  labels?: Record<SubmissionStatusName, string>;
}) {
  const [status, setStatus] = useState(initialStatus);
  useEffect(() => {
    if (!isFollowed || isFinished(initialStatus)) return;
    const source = new EventSource(`/api/submissions/${submissionId}/events`);
    source.addEventListener("status", (event) => {
      const next = (JSON.parse((event as MessageEvent<string>).data) as { status: SubmissionStatusName }).status;
      setStatus(next);
      if (isFinished(next)) source.close();
    });
    return () => source.close();
  }, [submissionId, initialStatus, isFollowed]);
  return <span className={`badge ${status.toLowerCase()}`}>{labels[status]}</span>;
}
