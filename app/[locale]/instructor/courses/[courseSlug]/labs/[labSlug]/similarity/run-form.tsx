"use client";

import type { FormEvent } from "react";
import { Field, FieldError } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormMessage, useSave } from "@/app/_components/use-save";
import type { Locale } from "@/lib/courses/content-schema";
import { similarityMessagesFor } from "@/lib/i18n/similarity-messages";
import { useRouter } from "@/lib/i18n/navigation";
import { startSimilarityAnalysisAction } from "./actions";

interface RunFormProps {
  courseSlug: string;
  assignmentSlug: string;
  defaultThreshold: number;
  locale: Locale;
}

/** Starts an analysis; the list below shows it with its progress. What was chosen survives every error. */
export function RunForm({ courseSlug, assignmentSlug, defaultThreshold, locale }: RunFormProps) {
  const t = similarityMessagesFor(locale);
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void save(
      () => startSimilarityAnalysisAction(courseSlug, assignmentSlug, form),
      () => {
        router.refresh();
        return t.started;
      },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label={t.runForm} encType="multipart/form-data">
      <FormMessage message={message} />
      <fieldset aria-describedby={fieldErrors.basis ? "basis-error" : undefined}>
        <legend>{t.basis}</legend>
        <label>
          <input type="radio" name="basis" value="LATEST" defaultChecked /> {t.basisLatest}
        </label>{" "}
        <label>
          <input type="radio" name="basis" value="BEST" /> {t.basisBest}
        </label>
        <FieldError id="basis-error" errors={fieldErrors.basis} />
      </fieldset>
      <label>
        <input type="checkbox" name="includesOtherRuns" /> {t.includesOtherRuns}
      </label>
      <FieldError errors={fieldErrors.includesOtherRuns} />
      <Field
        name="archive"
        label={t.archive}
        type="file"
        accept=".zip,application/zip"
        hint={t.archiveHint}
        errors={fieldErrors.archive}
      />
      <Field
        name="threshold"
        label={t.threshold}
        inputMode="decimal"
        defaultValue={String(defaultThreshold)}
        hint={t.thresholdHint}
        errors={fieldErrors.threshold}
      />
      <FieldError errors={fieldErrors.form} />
      <div>
        <SubmitButton isPending={isPending}>{t.run}</SubmitButton>
      </div>
    </form>
  );
}
