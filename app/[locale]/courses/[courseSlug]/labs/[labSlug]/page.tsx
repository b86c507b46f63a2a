import { notFound } from "next/navigation";
import { Markdown } from "@/app/_components/markdown";
import { requirePageUser } from "@/app/_lib/page-guards";
import { getLab } from "@/lib/assignments/get-lab";
import { getLabDraft } from "@/lib/drafts/lab-draft";
import { NotFoundError } from "@/lib/errors";
import { labLayoutMessagesFor } from "@/lib/i18n/lab-layout-messages";
import { getLocale } from "@/lib/i18n/locale";
import { practiceMessagesFor } from "@/lib/i18n/practice-messages";
import { listOwnPracticeRuns, snapshotOf } from "@/lib/practice/get-practice-run";
import { practiceBudget } from "@/lib/practice/practice-budget";
import { isChargedAttempt } from "@/lib/submissions/attempt-policy";
import { errorLocationOf } from "@/lib/submissions/error-location";
import { formatMetric, metricLabel } from "@/lib/submissions/format";
import { StatusBadge } from "@/app/[locale]/submissions/status-badge";
import { DataTable } from "@/app/_components/data-table";
import { BudgetTable } from "./budget-table";
import { DatasetPreviewView } from "./dataset-preview";
import { SubmitForm } from "./submit-form";
import { WeightsForm } from "./weights-form";
import { Link } from "@/lib/i18n/navigation";

export default async function LabPage({ params }: { params: Promise<{ courseSlug: string; labSlug: string }> }) {
  const { courseSlug, labSlug } = await params;
  const user = await requirePageUser(`/courses/${courseSlug}/labs/${labSlug}`);
  const locale = await getLocale();
  const lab = await getLab(user, courseSlug, labSlug, locale).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { spec } = lab;
  const layoutText = labLayoutMessagesFor(locale);
  const comparison = spec.metric.direction === "higher" ? "at least" : "at most";
  const disabledReason = !lab.isEnrolled
    ? "Enrol in this course to submit."
    : lab.isPastDeadline
      ? "The deadline has passed."
      : lab.attemptsLeft === 0
        ? "You have used all your attempts."
        : null;
  const practice =
    spec.mode === "train"
      ? {
          locale,
          metric: spec.metric,
          ...practiceBudget(spec),
          runs: (await listOwnPracticeRuns(user, lab.id)).map(snapshotOf),
        }
      : null;
  const draft = practice ? await getLabDraft(user, lab.course.slug, lab.slug) : null;
  const latest = lab.submissions[0];
  const gradedProblem = latest?.status === "FAILED" ? errorLocationOf(latest.message) : null;

  return (
    <article className="lab">
      <p className="muted">
        <Link href={`/courses/${lab.course.slug}`}>{lab.course.title}</Link> / Lab
      </p>
      <h1>{lab.title}</h1>
      <section className="card lab-rules" aria-label="How this lab is graded">
        <p>
          <strong>To pass:</strong> {metricLabel(spec.metric.name)} {comparison}{" "}
          {formatMetric(spec.metric.name, spec.metric.threshold)} on {spec.split.heldOutSize.toLocaleString("en")}{" "}
          held-out examples your code never sees
          {spec.mode === "train"
            ? `, after training on ${spec.split.trainSize.toLocaleString("en")} examples in the grader's sandbox.`
            : ". You train the model yourself and upload its weights."}
        </p>
        <BudgetTable spec={spec} locale={locale} />
        <p>
          <strong>Attempts:</strong> {lab.attemptsUsed} used
          {lab.maxAttempts === null ? " (no limit)" : ` of ${lab.maxAttempts}`}. Grading failures caused by the platform
          never count, nor does code that fails before training starts (it does not parse, imports a module the grader
          does not provide, or exports no train). &ldquo;Check my code&rdquo; never counts.
          {lab.deadline && (
            <>
              {" "}
              <strong>Deadline:</strong>{" "}
              <time dateTime={lab.deadline.toISOString()}>
                {lab.deadline.toISOString().slice(0, 16).replace("T", " ")} UTC
              </time>
              {lab.isPastDeadline && " (passed)"}.
            </>
          )}
        </p>
      </section>

      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading">{layoutText.previewHeading}</h2>
        {lab.preview ? (
          <>
            <p className="muted">{layoutText.previewIntro}</p>
            <DatasetPreviewView preview={lab.preview} locale={locale} />
          </>
        ) : (
          <p className="empty">{layoutText.noPreview}</p>
        )}
      </section>

      <section aria-label="Brief">
        <Markdown source={lab.brief} />
      </section>

      <h2>Your solution</h2>
      {spec.mode === "weights" || !practice ? (
        <WeightsForm courseSlug={lab.course.slug} assignmentSlug={lab.slug} disabledReason={disabledReason} />
      ) : (
        <SubmitForm
          locale={locale}
          courseSlug={lab.course.slug}
          assignmentSlug={lab.slug}
          starterCode={lab.starterCode}
          draft={draft}
          canKeepDrafts={lab.isEnrolled}
          gradedProblem={gradedProblem}
          maxCodeBytes={spec.budget.maxCodeBytes}
          disabledReason={disabledReason}
          practice={practice}
          practiceDisabledReason={
            lab.isEnrolled || user.role === "ADMIN" ? null : practiceMessagesFor(locale).enrolToCheck
          }
        />
      )}

      <h2>Your submissions</h2>
      <DataTable
        caption="Your submissions"
        rows={lab.submissions}
        rowKey={(submission) => submission.id}
        empty="You have not submitted to this lab yet. Your graded attempts will appear here."
        columns={[
          {
            key: "attempt",
            header: "Attempt",
            cell: (submission) => (isChargedAttempt(submission) ? submission.attemptNumber : "not counted"),
          },
          { key: "status", header: "Status", cell: (submission) => <StatusBadge status={submission.status} /> },
          {
            key: "score",
            header: metricLabel(spec.metric.name),
            cell: (submission) => (submission.score === null ? "—" : formatMetric(spec.metric.name, submission.score)),
          },
          {
            key: "submitted",
            header: "Submitted",
            cell: (submission) => (
              <time dateTime={submission.createdAt.toISOString()}>
                {submission.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              </time>
            ),
          },
          {
            key: "open",
            header: "Details",
            cell: (submission) => <Link href={`/submissions/${submission.id}`}>Open</Link>,
          },
        ]}
      />
    </article>
  );
}
