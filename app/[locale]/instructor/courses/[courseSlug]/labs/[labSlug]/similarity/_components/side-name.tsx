import type { SimilarityMessages } from "@/lib/i18n/similarity-messages";
import type { PairSide } from "@/lib/similarity/describe-sides";

interface SideNameProps {
  side: PairSide;
  /** The course of the analysis: a side from another course run says which course it comes from. */
  courseId: string;
  t: Pick<SimilarityMessages, "archiveFile" | "otherRun" | "attempt">;
}

/** One side of a pair: the learner (their email, the attempt, another course run) or the archive's file. */
export function SideName({ side, courseId, t }: SideNameProps) {
  if (side.kind === "archive")
    return (
      <>
        {t.archiveFile}
        <br />
        <code>{side.path}</code>
      </>
    );
  return (
    <>
      {side.name}
      <br />
      <span className="muted">
        {side.email} · {t.attempt(side.attemptNumber)}
        {side.courseId !== courseId && ` · ${t.otherRun(side.courseTitle)}`}
      </span>
    </>
  );
}

/** The short label of a side, for headings and accessible names. */
export function sideLabel(side: PairSide): string {
  return side.kind === "archive" ? side.path : side.name;
}
