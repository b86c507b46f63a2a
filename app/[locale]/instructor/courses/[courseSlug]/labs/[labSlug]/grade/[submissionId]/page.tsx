import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CurvesChart } from "@/app/_components/curves-chart";
import { requirePageRole } from "@/app/_lib/page-guards";
import { StatusBadge } from "@/app/[locale]/submissions/status-badge";
import { getLocale } from "@/lib/i18n/locale";
import { Link } from "@/lib/i18n/navigation";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { submissionStatusText } from "@/lib/i18n/status-messages";
import { getGradingView } from "@/lib/review/get-grading-view";
import { formatMetric } from "@/lib/submissions/format";
import { SubmissionReceiptTable } from "../../../../../../_components/submission-receipt";
import { formatDateTime, orPageError } from "../../../../../../_lib/page-errors";
import { GradingShortcuts } from "./grading-shortcuts";
import { LineComments } from "./line-comments";
import { RUBRIC_FORM_ID, RubricForm } from "./rubric-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: reviewMessagesFor(await getLocale()).grade.crumb };
}

export default async function GradingPage({
  params,
}: {
  params: Promise<{ courseSlug: string; labSlug: string; submissionId: string }>;
}) {
  const { courseSlug, labSlug, submissionId } = await params;
  const base = `/instructor/courses/${courseSlug}/labs/${labSlug}/grade`;
  const viewer = await requirePageRole(`${base}/${submissionId}`, "INSTRUCTOR", "ADMIN");
  const locale = await getLocale();
  const text = reviewMessagesFor(locale);
  const t = text.grade;
  const staff = staffMessagesFor(locale);
  const view = await orPageError(getGradingView({ viewer, courseSlug, submissionId, locale }));
  const { submission } = view;
  // The URL names the lab as well; a submission of another lab of the course is not here.
  if (submission.assignment.slug !== labSlug) notFound();
  const nextHref = view.nextId ? `${base}/${view.nextId}` : null;
  const previousHref = view.previousId ? `${base}/${view.previousId}` : null;
  const score = submission.score === null ? staff.common.none : formatMetric(submission.metric.name, submission.score);

  return (
    <>
      <GradingShortcuts nextHref={nextHref} previousHref={previousHref} formId={RUBRIC_FORM_ID} />
      <p className="muted">
        <Link href="/instructor">{staff.common.workspace}</Link> /{" "}
        <Link href={`/instructor/courses/${courseSlug}`}>{submission.course.title}</Link> /{" "}
        <Link href={`/instructor/courses/${courseSlug}/labs/${labSlug}`}>{submission.assignment.title}</Link> /{" "}
        <Link href={base}>{text.queue.heading}</Link> / {t.crumb}
      </p>
      <h1>{t.heading(submission.learner.name, submission.attemptNumber)}</h1>
      <nav aria-label={text.queue.heading} style={{ display: "flex", gap: "1rem", flexWrap: "wrap" }}>
        {previousHref ? <Link href={previousHref}>← {t.previous}</Link> : <span className="muted">← {t.previous}</span>}
        {view.position && <span className="muted">{t.position(view.position.index, view.position.total)}</span>}
        {nextHref ? <Link href={nextHref}>{t.next} →</Link> : <span className="muted">{t.next} →</span>}
      </nav>
      <p className="muted" data-testid="grading-shortcuts">
        {t.shortcuts}
      </p>
      <p>
        <StatusBadge status={submission.status} locale={locale} />{" "}
        {t.autograder(submissionStatusText(locale)[submission.status], score)}
      </p>

      {view.openRequests.length > 0 && (
        <section className="card" aria-labelledby="open-requests">
          <h2 id="open-requests">{t.openRequests}</h2>
          <ul>
            {view.openRequests.map((request) => (
              <li key={request.id}>
                <strong>
                  {request.criterionKey
                    ? (view.rubric?.criteria.find((criterion) => criterion.key === request.criterionKey)?.title[
                        locale
                      ] ?? request.criterionKey)
                    : text.requests.wholeAttempt}
                </strong>
                : {request.reason}{" "}
                <Link href={`/instructor/courses/${courseSlug}/regrade-requests`}>{text.requests.answer}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2>{t.rubric}</h2>
      {!view.rubric ? (
        <p className="empty">{text.queue.noRubric}</p>
      ) : (
        <>
          <p data-testid="review-state">
            {view.grade?.releasedAt ? t.released(formatDateTime(view.grade.releasedAt)) : t.notReleased}
          </p>
          {view.grade?.combined && (
            <p data-testid="combined-score">
              {t.combined(view.grade.combined.combinedPercent.toFixed(1), view.rubric.combine.passPercent)} ·{" "}
              {view.grade.combined.isPassed ? t.passes : t.doesNotPass} ·{" "}
              <span className="muted">
                {t.combinedRule(view.rubric.combine.autograderWeight, view.rubric.combine.rubricWeight)}
              </span>
            </p>
          )}
          <RubricForm
            key={submission.id}
            courseSlug={courseSlug}
            submissionId={submission.id}
            rubric={view.rubric}
            scores={view.grade?.scores ?? {}}
            hasGrade={view.grade !== null}
            isReleased={Boolean(view.grade?.releasedAt)}
            locale={locale}
          />
        </>
      )}

      <h2>{t.code}</h2>
      <LineComments
        courseSlug={courseSlug}
        submissionId={submission.id}
        code={submission.code}
        comments={view.comments}
        locale={locale}
      />

      <h2>{t.curves}</h2>
      <CurvesChart points={submission.curves} locale={locale} />

      <h2>{t.receipt}</h2>
      <SubmissionReceiptTable submission={submission} locale={locale} />
    </>
  );
}
