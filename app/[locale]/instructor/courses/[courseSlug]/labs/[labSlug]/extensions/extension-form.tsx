"use client";

import type { FormEvent } from "react";
import { Field, FieldError } from "@/app/_components/field";
import { PersonSelectField } from "@/app/_components/person-select-field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import { grantExtensionAction } from "../actions";
import { useRouter } from "@/lib/i18n/navigation";

interface ExtensionFormProps {
  courseSlug: string;
  assignmentSlug: string;
  learners: { id: string; name: string; email: string }[];
}

/** Grants (or replaces) one learner's extension. What was typed survives every error. */
export function ExtensionForm({ courseSlug, assignmentSlug, learners }: ExtensionFormProps) {
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(
    "The extension could not be saved: the server could not be reached. Try again in a moment.",
  );

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
        return "Extension granted.";
      },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label="Grant an extension">
      <FormMessage message={message} />
      <PersonSelectField
        name="learnerId"
        label="Learner"
        placeholder="Choose a learner"
        people={learners}
        errors={fieldErrors.learnerId}
      />
      <Field
        name="deadline"
        label="New deadline (UTC)"
        type="datetime-local"
        errors={fieldErrors.deadline}
        hint="Leave empty to keep the lab's deadline."
      />
      <Field
        name="extraAttempts"
        label="Extra attempts"
        type="number"
        min={0}
        max={100}
        step={1}
        defaultValue="0"
        errors={fieldErrors.extraAttempts}
      />
      <Field
        name="reason"
        label="Reason"
        errors={fieldErrors.reason}
        hint="Kept with the extension and in the course's audit log."
      />
      <FieldError errors={fieldErrors.form} />
      <div>
        <SubmitButton isPending={isPending}>Grant extension</SubmitButton>
      </div>
    </form>
  );
}
