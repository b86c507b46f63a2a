"use client";

import type { FormEvent } from "react";
import { Field, FieldError } from "@/app/_components/field";
import { PersonSelectField } from "@/app/_components/person-select-field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { grantExtensionAction } from "../actions";
import { useRouter } from "@/lib/i18n/navigation";

interface ExtensionFormProps {
  courseSlug: string;
  assignmentSlug: string;
  learners: { id: string; name: string; email: string }[];
  locale: Locale;
}

/** Grants (or replaces) one learner's extension. What was typed survives every error. */
export function ExtensionForm({ courseSlug, assignmentSlug, learners, locale }: ExtensionFormProps) {
  const text = staffMessagesFor(locale);
  const t = text.extensions;
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(t.grantUnreachable);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    void save(
      () =>
        grantExtensionAction(courseSlug, assignmentSlug, {
          learnerId: form.get("learnerId"),
          deadline: form.get("deadline"),
          extraAttempts: form.get("extraAttempts"),
          reason: form.get("reason"),
        }),
      () => {
        formElement.reset();
        router.refresh();
        return t.grantedMessage;
      },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label={t.form}>
      <FormMessage message={message} />
      <PersonSelectField
        name="learnerId"
        label={text.common.learner}
        placeholder={t.chooseLearner}
        people={learners}
        errors={fieldErrors.learnerId}
      />
      <Field
        name="deadline"
        label={t.newDeadline}
        type="datetime-local"
        errors={fieldErrors.deadline}
        hint={t.newDeadlineHint}
      />
      <Field
        name="extraAttempts"
        label={t.extra}
        type="number"
        min={0}
        max={100}
        step={1}
        defaultValue="0"
        errors={fieldErrors.extraAttempts}
      />
      <Field name="reason" label={t.reason} errors={fieldErrors.reason} hint={t.reasonHint} />
      <FieldError errors={fieldErrors.form} />
      <div>
        <SubmitButton isPending={isPending}>{t.grant}</SubmitButton>
      </div>
    </form>
  );
}
