import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/app/_lib/page-guards";
import { NotFoundError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";
import { formatMetric, metricLabel } from "@/lib/submissions/format";
import { getSubmission, getSubmissionStatus } from "@/lib/submissions/get-submission";
import { LiveSubmission } from "../live-submission";
import { NextSteps } from "./next-steps";

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
  const passText =
    `${metricLabel(submission.metric.name)} ${submission.metric.direction === "higher" ? "≥" : "≤"} ` +
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
        {submission.isRegrade ? "Regrade of attempt" : "Attempt"} {submission.attemptNumber}
        {!submission.isOwner && <span className="muted"> by {submission.learner.name}</span>}
      </h1>
      <p className="muted">
        Graded against version {submission.assignment.version} of the lab.{" "}
        {submission.isOwner && "You can share this page with your instructor; other learners cannot open it."}
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

      <details className="card" style={{ marginTop: "1rem" }}>
        <summary>
          Code ({submission.language}, {new TextEncoder().encode(submission.code).byteLength.toLocaleString("en")}{" "}
          bytes)
        </summary>
        <pre className="code-block">
          <code>{submission.code}</code>
        </pre>
      </details>

      <details className="card" style={{ marginTop: "1rem" }} open={receipt.graderVersion !== null}>
        <summary>Grading receipt</summary>
        <p className="muted">What produced this result, so anyone can check it again.</p>
        <dl className="receipt">
          <dt>Code sha256</dt>
          <dd>
            <code>{receipt.codeSha256}</code>
          </dd>
          <dt>Lab spec sha256</dt>
          <dd>
            <code>{receipt.specSha256}</code>
          </dd>
          <dt>Training data sha256</dt>
          <dd>
            <code>{receipt.datasetSha256 ?? "not graded yet"}</code>
          </dd>
          <dt>Held-out data sha256</dt>
          <dd>
            <code>{receipt.heldOutSha256 ?? "not graded yet"}</code>
          </dd>
          <dt>Grader version</dt>
          <dd>{receipt.graderVersion ?? "—"}</dd>
          <dt>Backend</dt>
          <dd>{receipt.backend ?? "—"}</dd>
          <dt>Seed</dt>
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
          <dt>Reproducible</dt>
          <dd>
            {receipt.isDeterministic === null
              ? "—"
              : receipt.isDeterministic
                ? "yes: the same code and seed give the same score on this backend"
                : "no: this backend's arithmetic can vary slightly between runs"}
          </dd>
          <dt>Training time</dt>
          <dd>{receipt.trainingMs === null ? "—" : `${(receipt.trainingMs / 1000).toFixed(1)} s`}</dd>
          <dt>Scoring time</dt>
          <dd>{receipt.scoringMs === null ? "—" : `${(receipt.scoringMs / 1000).toFixed(1)} s`}</dd>
        </dl>
      </details>
    </article>
  );
}
