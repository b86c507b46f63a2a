"use client";

import type { FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormMessage, useSave } from "@/app/_components/use-save";
import type { CriterionScores, RubricSpec } from "@/lib/assignments/rubric";
import type { Locale } from "@/lib/courses/content-schema";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { useRouter } from "@/lib/i18n/navigation";
import { releaseReviewAction, saveRubricGradeAction } from "./actions";

export const RUBRIC_FORM_ID = "rubric-form";

/** The rubric: points and a note per criterion, saved as a draft; and the release of the saved grade. */
export function RubricForm({
  courseSlug,
  submissionId,
  rubric,
  scores,
  hasGrade,
  isReleased,
  locale,
}: {
  courseSlug: string;
  submissionId: string;
  rubric: RubricSpec;
  scores: CriterionScores;
  hasGrade: boolean;
  isReleased: boolean;
  locale: Locale;
}) {
  const t = reviewMessagesFor(locale).grade;
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);
  const release = useSave(t.unreachable);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      scores: Object.fromEntries(
        rubric.criteria.map((criterion) => [
          criterion.key,
          { points: form.get(`points-${criterion.key}`), comment: form.get(`comment-${criterion.key}`) ?? "" },
        ]),
      ),
    };
    void save(
      () => saveRubricGradeAction(courseSlug, submissionId, input),
      (saved) => {
        router.refresh();
        return saved.value.isReleased ? t.savedReleased : t.saved;
      },
    );
  }

  return (
    <>
      <form id={RUBRIC_FORM_ID} className="form card" onSubmit={onSubmit} noValidate aria-label={t.rubric}>
        <FormMessage message={message} />
        {rubric.criteria.map((criterion) => {
          const title = criterion.title[locale];
          return (
            <fieldset key={criterion.key} style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ fontWeight: 600 }}>{t.criterionPoints(title, criterion.points)}</legend>
              <p className="muted" style={{ margin: "0.25rem 0" }}>
                {criterion.description[locale]}
              </p>
              {criterion.levels && (
                <p className="muted" style={{ margin: "0.25rem 0" }}>
                  {criterion.levels.map((level) => t.level(level.title[locale], level.points)).join(" · ")}
                </p>
              )}
              <Field
                name={`points-${criterion.key}`}
                label={`${t.points}: ${title}`}
                inputMode="decimal"
                defaultValue={scores[criterion.key]?.points ?? ""}
                errors={fieldErrors[`scores.${criterion.key}.points`]}
              />
              <div className="field">
                <label htmlFor={`comment-${criterion.key}`}>{`${t.criterionComment}: ${title}`}</label>
                <textarea
                  id={`comment-${criterion.key}`}
                  name={`comment-${criterion.key}`}
                  rows={2}
                  defaultValue={scores[criterion.key]?.comment ?? ""}
                />
              </div>
            </fieldset>
          );
        })}
        <div>
          <SubmitButton isPending={isPending} pendingLabel={t.saving}>
            {t.saveDraft}
          </SubmitButton>
        </div>
      </form>
      {hasGrade && !isReleased && (
        <div style={{ marginTop: "0.75rem" }}>
          <FormMessage message={release.message} />
          <button
            type="button"
            className="button"
            disabled={release.isPending}
            onClick={() =>
              void release.save(
                () => releaseReviewAction(courseSlug, submissionId),
                () => {
                  router.refresh();
                  return t.releasedNow;
                },
              )
            }
          >
            {t.release}
          </button>
        </div>
      )}
    </>
  );
}
