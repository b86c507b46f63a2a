import { DataTable } from "@/app/_components/data-table";
import { NumberedCode } from "@/app/_components/numbered-code";
import type { CurrentUser } from "@/lib/auth";
import type { Locale } from "@/lib/courses/content-schema";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { getReleasedReview } from "@/lib/review/get-released-review";
import { RegradeRequestForm } from "./regrade-request-form";

/**
 * The learner's review of their own attempt: nothing but a note before release; after it, the rubric result, the
 * combined score and the comments inline on the code. Their regrade requests and the form to file one follow.
 */
export async function ReviewSection({
  viewer,
  submissionId,
  code,
  locale,
}: {
  viewer: Pick<CurrentUser, "id" | "role">;
  submissionId: string;
  code: string;
  locale: Locale;
}) {
  const t = reviewMessagesFor(locale).learner;
  const review = await getReleasedReview({ viewer, submissionId });
  if (!review.isGraded) return null;
  const { released, rubric } = review;
  const byLine = new Map<number, { id: string; body: string }[]>();
  for (const comment of released?.comments ?? [])
    byLine.set(comment.line, [...(byLine.get(comment.line) ?? []), comment]);
  return (
    <section aria-labelledby="review-heading" style={{ marginTop: "1.5rem" }} data-testid="review-section">
      <h2 id="review-heading">{t.heading}</h2>
      {rubric && !released && <p className="muted">{t.awaiting}</p>}
      {rubric && released && (
        <>
          <p data-testid="learner-combined-score">
            {t.combined(released.combined.combinedPercent.toFixed(1), rubric.combine.passPercent)} ·{" "}
            <span className={`badge ${released.combined.isPassed ? "passed" : "failed"}`}>
              {released.combined.isPassed ? t.passed : t.notPassed}
            </span>
          </p>
          <DataTable
            caption={t.rubric}
            rows={rubric.criteria}
            rowKey={(criterion) => criterion.key}
            columns={[
              {
                key: "criterion",
                header: t.criterion,
                isRowHeader: true,
                cell: (criterion) => criterion.title[locale],
              },
              {
                key: "points",
                header: t.points,
                cell: (criterion) => (
                  <span data-testid={`criterion-points-${criterion.key}`}>
                    {t.score(released.scores[criterion.key]?.points ?? 0, criterion.points)}
                  </span>
                ),
              },
              { key: "comment", header: t.comment, cell: (criterion) => released.scores[criterion.key]?.comment ?? "" },
            ]}
          />
          <h3>{t.comments}</h3>
          {released.comments.length === 0 ? (
            <p className="empty">{t.noComments}</p>
          ) : (
            <NumberedCode
              code={code}
              lineLabel={t.line}
              below={(line) =>
                byLine.get(line)?.map((comment) => (
                  <p key={comment.id} className="review-comment" data-testid="review-comment" style={{ margin: 0 }}>
                    {comment.body}
                  </p>
                ))
              }
            />
          )}
        </>
      )}
      <h3>{t.requestHeading}</h3>
      <p className="muted">{t.requestIntro}</p>
      {review.requests.length === 0 ? (
        <p className="empty">{t.noRequests}</p>
      ) : (
        <ul aria-label={t.requests} data-testid="regrade-requests">
          {review.requests.map((request) => (
            <li key={request.id}>
              {request.criterionKey
                ? (rubric?.criteria.find((criterion) => criterion.key === request.criterionKey)?.title[locale] ??
                  request.criterionKey)
                : t.wholeAttempt}{" "}
              · {t.statuses[request.status]} · {request.reason}
              {request.answer ? ` · ${t.answer(request.answer)}` : ""}
            </li>
          ))}
        </ul>
      )}
      <RegradeRequestForm
        submissionId={submissionId}
        criteria={
          released && rubric
            ? rubric.criteria.map((criterion) => ({ key: criterion.key, title: criterion.title[locale] }))
            : []
        }
        locale={locale}
      />
    </section>
  );
}
