"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { Field, FieldError } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormMessage, useSave } from "@/app/_components/use-save";
import type { Locale } from "@/lib/courses/content-schema";
import { ltiDeepLinkMessagesFor } from "@/lib/i18n/lti-deep-link-messages";
import type { PickableCourse } from "@/lib/lti/deep-linking/list-pickable-items";
import { answerDeepLinkAction } from "./actions";

interface PickerFormProps {
  locale: Locale;
  requestId: string;
  acceptsMultiple: boolean;
  createsLineItems: boolean;
  suggestedTitle: string | null;
  courses: PickableCourse[];
}

/**
 * The picker's choices and its two answers. A signed answer is handed to the return step by a
 * plain form post to this site (the site's policy lets forms post nowhere else); that step's page
 * posts it on to the platform.
 */
export function PickerForm({
  locale,
  requestId,
  acceptsMultiple,
  createsLineItems,
  suggestedTitle,
  courses,
}: PickerFormProps) {
  const t = ltiDeepLinkMessagesFor(locale).picker;
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);
  const [pendingChoice, setPendingChoice] = useState<"add" | "cancel" | null>(null);
  const [answer, setAnswer] = useState<{ jwt: string; platformName: string } | null>(null);
  const returnForm = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (answer) returnForm.current?.submit();
  }, [answer]);

  function send(input: { choice: "add"; targets: string[]; title: string } | { choice: "cancel" }) {
    setPendingChoice(input.choice);
    void save(
      () => answerDeepLinkAction(requestId, input),
      (answered) => setAnswer({ jwt: answered.jwt, platformName: answered.platformName }),
    ).finally(() => setPendingChoice(null));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const targets = form.getAll("target").filter((value): value is string => typeof value === "string");
    const title = form.get("title");
    send({ choice: "add", targets, title: typeof title === "string" ? title : "" });
  }

  if (answer) {
    return (
      <form ref={returnForm} method="post" action={`/lti/deep-link/${encodeURIComponent(requestId)}/return`}>
        <input type="hidden" name="JWT" value={answer.jwt} />
        <input type="hidden" name="locale" value={locale} />
        <p role="status">{t.returning(answer.platformName)}</p>
        <button type="submit" className="button">
          {t.returnButton(answer.platformName)}
        </button>
      </form>
    );
  }

  const targetErrors = fieldErrors.targets;
  const hasTargetErrors = Boolean(targetErrors && targetErrors.length > 0);
  const isBusy = isPending || pendingChoice !== null;
  // With nothing to pick, the one answer left is to cancel.
  const hasItems = courses.length > 0;
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormMessage message={message} />
      {hasItems && (
        <p id="targets-hint" className="muted">
          {acceptsMultiple ? t.chooseMany : t.chooseOne}
        </p>
      )}
      {courses.map((course) => (
        <fieldset
          key={course.slug}
          className="deep-link-course"
          aria-describedby={hasTargetErrors ? "targets-hint targets-error" : "targets-hint"}
          data-testid="deep-link-course"
        >
          <legend>{course.title}</legend>
          <ul className="deep-link-items">
            {course.items.map((item) => {
              const id = `target-${item.key.replace(/[^a-z0-9-]/g, "-")}`;
              return (
                <li key={item.key}>
                  <label className="deep-link-item" htmlFor={id}>
                    <input
                      id={id}
                      type={acceptsMultiple ? "checkbox" : "radio"}
                      name="target"
                      value={item.key}
                      aria-invalid={hasTargetErrors}
                    />
                    <span className="item-text">
                      <span>
                        <strong>{t.kinds[item.target.kind]}</strong>: {item.title}
                      </span>
                      {item.lessonTitle && <span className="item-meta muted">{t.afterLesson(item.lessonTitle)}</span>}
                      <span className="item-meta muted">
                        {createsLineItems && item.isGraded ? t.gradeColumn : t.noGradeColumn}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
      <FieldError id="targets-error" errors={targetErrors} />
      {hasItems && (
        <Field
          name="title"
          label={t.titleLabel}
          hint={t.titleHint}
          maxLength={255}
          // A title the platform suggests fits one item; with several picked it would be refused.
          defaultValue={acceptsMultiple ? undefined : (suggestedTitle ?? undefined)}
          errors={fieldErrors.title}
        />
      )}
      <div className="deep-link-actions">
        {hasItems && (
          <SubmitButton isPending={pendingChoice === "add"} pendingLabel={t.adding} isDisabled={isBusy}>
            {t.add}
          </SubmitButton>
        )}
        <button type="button" className="button secondary" disabled={isBusy} onClick={() => send({ choice: "cancel" })}>
          {pendingChoice === "cancel" ? t.cancelling : t.cancel}
        </button>
      </div>
    </form>
  );
}
