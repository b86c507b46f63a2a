import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/app/_lib/page-guards";
import { NotFoundError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { feedbackMessagesFor } from "@/lib/i18n/feedback-messages";
import { messagesFor } from "@/lib/i18n/messages";
import { formatMetric } from "@/lib/submissions/format";
import { getSubmission, getSubmissionStatus } from "@/lib/submissions/get-submission";
import { LiveSubmission } from "../live-submission";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: feedbackMessagesFor(await getLocale()).page.title };
}
import { NextSteps } from "./next-steps";
import { ReviewSection } from "./review-section";

/** The stored language ids, as the languages are named (the same in every language). */
const LANGUAGE_NAMES: Record<string, string> = { javascript: "JavaScript", typescript: "TypeScript" };

export default async function SubmissionPage({ params }: { params: Promise<{ submissionId: string }> }) {
  const { submissionId } = await params;
  const user = await requirePageUser(`/submissions/${submissionId}`);
  const locale = await getLocale();
  const submission = await getSubmission(user, submissionId, locale).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { receipt } = submission;
  const runText = messagesFor(locale).runs;
  const text = feedbackMessagesFor(locale).page;
  const passText =
    `${feedbackMessagesFor(locale).live.metric[submission.metric.name]} ${submission.metric.direction === "higher" ? "≥" : "≤"} ` +
    formatMetric(submission.metric.name, submission.metric.threshold);
  const initial = await getSubmissionStatus(user, submissionId);

  return (
    <article>
      <p className="muted">
        <Link href={`/courses/${submission.course.slug}`}>{submission.course.title}</Link> /{" "}
        <Link href={`/courses/${submission.course.slug}/labs/${submission.assignment.slug}`}>
          {submission.assignment.title}
        </Link>
      </p>
      <h1>
        {submission.isRegrade ? text.regrade : text.attempt} {submission.attemptNumber}
        {!submission.isOwner && <span className="muted">{text.by(submission.learner.name)}</span>}
      </h1>
      <p className="muted">
        {text.version(submission.assignment.version)} {submission.isOwner && text.shareNote}
      </p>

      <LiveSubmission
        initial={initial}
        metric={submission.metric}
        budget={{ maxEpochs: submission.budget.maxEpochs, trainingSeconds: submission.budget.trainingSeconds }}
        plannedRuns={submission.certificationSpec.runs}
        locale={locale}
      />

      {submission.isOwner && (
        <NextSteps
          viewer={user}
          courseSlug={submission.course.slug}
          labSlug={submission.assignment.slug}
          locale={locale}
        />
      )}

      {submission.isOwner && (
        <ReviewSection viewer={user} submissionId={submission.id} code={submission.code} locale={locale} />
      )}

      <details className="card" style={{ marginTop: "1rem" }}>
        <summary>
          {text.code(
            LANGUAGE_NAMES[submission.language] ?? submission.language,
            new TextEncoder().encode(submission.code).byteLength.toLocaleString("en"),
          )}
        </summary>
        <pre className="code-block">
          <code>{submission.code}</code>
        </pre>
      </details>

      <details className="card" style={{ marginTop: "1rem" }} open={receipt.graderVersion !== null}>
        <summary>{text.receipt}</summary>
        <p className="muted">{text.receiptNote}</p>
        <dl className="receipt">
          <dt>{text.codeSha}</dt>
          <dd>
            <code>{receipt.codeSha256}</code>
          </dd>
          <dt>{text.specSha}</dt>
          <dd>
            <code>{receipt.specSha256}</code>
          </dd>
          <dt>{text.dataSha}</dt>
          <dd>
            <code>{receipt.datasetSha256 ?? text.notGraded}</code>
          </dd>
          <dt>{text.heldOutSha}</dt>
          <dd>
            <code>{receipt.heldOutSha256 ?? text.notGraded}</code>
          </dd>
          <dt>{text.graderVersion}</dt>
          <dd>{receipt.graderVersion === null ? "—" : <code>{receipt.graderVersion}</code>}</dd>
          <dt>{text.backend}</dt>
          <dd>{receipt.backend === null ? "—" : <code>{receipt.backend}</code>}</dd>
          <dt>{text.seed}</dt>
          <dd>{receipt.seed ?? "—"}</dd>
          {receipt.certification && receipt.certification.plannedRuns > 1 && (
            <>
              <dt>{runText.heading}</dt>
              <dd data-testid="receipt-runs">
                {receipt.certification.runs
                  .map(
                    (run) =>
                      `${runText.run} ${run.run}: ${runText.seed} ${run.seed}, ` +
                      `${run.score === null ? runText.notScored : formatMetric(submission.metric.name, run.score)}`,
                  )
                  .join("; ")}
              </dd>
              {receipt.certification.statistics && (
                <>
                  <dt>{runText.mean}</dt>
                  <dd>{formatMetric(submission.metric.name, receipt.certification.statistics.mean)}</dd>
                  <dt>{runText.interval}</dt>
                  <dd>
                    {receipt.certification.statistics.interval
                      ? runText.intervalValue(
                          formatMetric(submission.metric.name, receipt.certification.statistics.interval.low),
                          formatMetric(submission.metric.name, receipt.certification.statistics.interval.high),
                        )
                      : runText.noInterval}
                  </dd>
                </>
              )}
              <dt>{runText.rule}</dt>
              <dd>
                {receipt.certification.rule === "mean" ? runText.ruleMean(passText) : runText.ruleEvery(passText)}
              </dd>
            </>
          )}
          <dt>{text.reproducible}</dt>
          <dd>
            {receipt.isDeterministic === null
              ? "—"
              : receipt.isDeterministic
                ? text.isReproducible
                : text.notReproducible}
          </dd>
          <dt>{text.trainingTime}</dt>
          <dd>{receipt.trainingMs === null ? "—" : `${(receipt.trainingMs / 1000).toFixed(1)} s`}</dd>
          <dt>{text.scoringTime}</dt>
          <dd>{receipt.scoringMs === null ? "—" : `${(receipt.scoringMs / 1000).toFixed(1)} s`}</dd>
        </dl>
      </details>
    </article>
  );
}
