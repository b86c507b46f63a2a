"use client";

import { useState, type FormEvent } from "react";
import { Field, SelectField } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormMessage, useSave } from "@/app/_components/use-save";
import type { Locale } from "@/lib/courses/content-schema";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { useRouter } from "@/lib/i18n/navigation";
import { answerRegradeRequestAction } from "./actions";

type Decision = "regrade" | "score" | "decline";

/** The instructor's answer to one open request: regrade, change the criterion's points, or decline with a reason. */
export function AnswerForm({
  courseSlug,
  requestId,
  isCriterion,
  locale,
}: {
  courseSlug: string;
  requestId: string;
  /** Whether the request is about a rubric criterion, the only kind whose points can change. */
  isCriterion: boolean;
  locale: Locale;
}) {
  const t = reviewMessagesFor(locale).requests;
  const router = useRouter();
  const [decision, setDecision] = useState<Decision>(isCriterion ? "score" : "regrade");
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);
  const id = (name: string) => `${name}-${requestId}`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      decision,
      answer: form.get(id("answer")) ?? "",
      ...(decision === "score" ? { points: form.get(id("points")) } : {}),
    };
    void save(
      () => answerRegradeRequestAction(courseSlug, requestId, input),
      () => {
        router.refresh();
        return t.done;
      },
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={t.answer}>
      <FormMessage message={message} />
      <SelectField
        name={id("decision")}
        label={t.decision}
        value={decision}
        onChange={(event) => setDecision(event.target.value as Decision)}
        errors={fieldErrors.decision}
      >
        {(isCriterion ? (["score", "regrade", "decline"] as const) : (["regrade", "decline"] as const)).map((value) => (
          <option key={value} value={value}>
            {t.decisions[value]}
          </option>
        ))}
      </SelectField>
      {decision === "score" && (
        <Field name={id("points")} label={t.points} inputMode="decimal" errors={fieldErrors.points} />
      )}
      <Field name={id("answer")} label={t.answerText} hint={t.answerHint} errors={fieldErrors.answer} />
      <div>
        <SubmitButton isPending={isPending} pendingLabel={t.sending}>
          {t.send}
        </SubmitButton>
      </div>
    </form>
  );
}
