// A practice run's states, for server and browser code alike (no database access here).
export type PracticeStatusName = "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "ERROR";

export function isPracticeFinished(status: PracticeStatusName): boolean {
  return status === "COMPLETED" || status === "FAILED" || status === "ERROR";
}
