"use client";

import { useRef, type FormEvent } from "react";
import { Field, FieldError } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import type { Locale } from "@/lib/courses/content-schema";
import { similarityMessagesFor } from "@/lib/i18n/similarity-messages";
import { useRouter } from "@/lib/i18n/navigation";
import { reviewSimilarityPairAction } from "../../../actions";

interface ReviewFormProps {
  courseSlug: string;
  assignmentSlug: string;
  analysisId: string;
  pairId: string;
  /** Whether either learner holds a certificate a flag could suspend. */
  hasCertificates: boolean;
  locale: Locale;
}

/** Marks the pair reviewed, or flags it (a note required), optionally suspending the learners' certificates. */
export function ReviewForm({
  courseSlug,
  assignmentSlug,
  analysisId,
  pairId,
  hasCertificates,
  locale,
}: ReviewFormProps) {
  const t = similarityMessagesFor(locale);
  const router = useRouter();
  const decision = useRef<"review" | "flag">("review");
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chosen = decision.current;
    void save(
      () =>
        reviewSimilarityPairAction(courseSlug, assignmentSlug, analysisId, pairId, {
          decision: chosen,
          note: form.get("note"),
          suspendCertificates: form.get("suspendCertificates"),
        }),
      (saved) => {
        router.refresh();
        return chosen === "flag" ? t.flaggedMessage(saved.value.suspended) : t.reviewedMessage;
      },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label={t.reviewForm}>
      <FormMessage message={message} />
      <Field name="note" label={t.note} hint={t.noteHint} errors={fieldErrors.note} maxLength={1000} />
      {hasCertificates && (
        <div className="field">
          <label>
            <input type="checkbox" name="suspendCertificates" aria-describedby="suspend-hint" /> {t.suspend}
          </label>
          <p id="suspend-hint" className="muted">
            {t.suspendHint}
          </p>
        </div>
      )}
      <FieldError errors={fieldErrors.decision ?? fieldErrors.form} />
      <div style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap" }}>
        <button type="submit" className="button" disabled={isPending} onClick={() => (decision.current = "review")}>
          {t.markReviewed}
        </button>
        <button type="submit" className="button" disabled={isPending} onClick={() => (decision.current = "flag")}>
          {t.flag}
        </button>
      </div>
    </form>
  );
}
