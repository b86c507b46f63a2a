import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
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
import { formatMetric } from "@/lib/submissions/format";
import { labPageMessagesFor, metricLabelIn } from "@/lib/i18n/lab-page-messages";
import { StatusBadge } from "@/app/[locale]/submissions/status-badge";
import { DataTable } from "@/app/_components/data-table";
import { CodeText } from "@/app/_components/code-text";
import { BudgetTable } from "./budget-table";
import { DatasetPreviewView } from "./dataset-preview";
import { SubmitForm } from "./submit-form";
import { WeightsForm } from "./weights-form";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ courseSlug: string; labSlug: string }>;
}): Promise<Metadata> {
  const { courseSlug, labSlug } = await params;
  const user = await getCurrentUser();
  // A stranger is sent to sign in by the page itself; an unknown lab answers 404 there.
  if (!user) return {};
  const lab = await getLab(user, courseSlug, labSlug, await getLocale()).catch(() => null);
  return lab ? { title: `${lab.title} · ${lab.course.title}` } : {};
}

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
  const t = labPageMessagesFor(locale);
  const metricName = metricLabelIn(locale, spec.metric.name);
  const disabledReason = !lab.isEnrolled
    ? t.enrolToSubmit
    : lab.isPastDeadline
      ? t.pastDeadline
      : lab.attemptsLeft === 0
        ? t.noAttemptsLeft
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
        <Link href={`/courses/${lab.course.slug}`}>{lab.course.title}</Link> / {t.crumb}
      </p>
      <h1>{lab.title}</h1>
      <section className="card lab-rules" aria-label={t.rulesLabel}>
        <p>
          <strong>{t.toPass}</strong>{" "}
          {t.rule({
            metric: metricName,
            isAtLeast: spec.metric.direction === "higher",
            threshold: formatMetric(spec.metric.name, spec.metric.threshold),
            heldOut: spec.split.heldOutSize.toLocaleString("en"),
            trained: spec.mode === "train" ? spec.split.trainSize.toLocaleString("en") : null,
          })}
        </p>
        <BudgetTable spec={spec} locale={locale} />
        <p>
          <strong>{t.attempts}</strong> {t.used(lab.attemptsUsed, lab.maxAttempts)} <CodeText text={t.whatCounts} />
          {lab.deadline && (
            <>
              {" "}
              <strong>{t.deadline}</strong>{" "}
              <time dateTime={lab.deadline.toISOString()}>
                {lab.deadline.toISOString().slice(0, 16).replace("T", " ")} UTC
              </time>
              {lab.isPastDeadline && t.deadlinePassed}
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

      <section aria-label={t.briefLabel}>
        <Markdown source={lab.brief} />
      </section>

      <h2>{t.solution}</h2>
      {spec.mode === "weights" || !practice ? (
        <WeightsForm
          locale={locale}
          courseSlug={lab.course.slug}
          assignmentSlug={lab.slug}
          disabledReason={disabledReason}
        />
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

      <h2>{t.submissions}</h2>
      <DataTable
        caption={t.submissions}
        rows={lab.submissions}
        rowKey={(submission) => submission.id}
        empty={t.noSubmissions}
        columns={[
          {
            key: "attempt",
            header: t.attempt,
            cell: (submission) => (isChargedAttempt(submission) ? submission.attemptNumber : t.notCounted),
          },
          {
            key: "status",
            header: t.status,
            cell: (submission) => <StatusBadge status={submission.status} locale={locale} />,
          },
          {
            key: "score",
            header: metricName,
            cell: (submission) => (submission.score === null ? "—" : formatMetric(spec.metric.name, submission.score)),
          },
          {
            key: "submitted",
            header: t.submitted,
            cell: (submission) => (
              <time dateTime={submission.createdAt.toISOString()}>
                {submission.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              </time>
            ),
          },
          {
            key: "open",
            header: t.details,
            cell: (submission) => <Link href={`/submissions/${submission.id}`}>{t.open}</Link>,
          },
        ]}
      />
    </article>
  );
}
