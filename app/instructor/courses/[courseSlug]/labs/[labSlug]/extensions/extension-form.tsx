"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { useSave } from "@/app/_components/use-save";
import { grantExtensionAction } from "../actions";

interface ExtensionFormProps {
  courseSlug: string;
  assignmentSlug: string;
  learners: { id: string; name: string; email: string }[];
}

/** Grants (or replaces) one learner's extension. What was typed survives every error. */
export function ExtensionForm({ courseSlug, assignmentSlug, learners }: ExtensionFormProps) {
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave("The extension could not be saved: the server could not be reached. Try again in a moment.");

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

  const learnerErrors = fieldErrors.learnerId;
  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label="Grant an extension">
      {message?.isError && (
        <p className="form-error" role="alert">
          {message.text}
        </p>
      )}
      {message && !message.isError && <p role="status">{message.text}</p>}
      <div className="field">
        <label htmlFor="learnerId">Learner</label>
        <select id="learnerId" name="learnerId" defaultValue="" aria-invalid={Boolean(learnerErrors)} aria-describedby={learnerErrors ? "learnerId-error" : undefined}>
          <option value="">Choose a learner</option>
          {learners.map((learner) => (
            <option key={learner.id} value={learner.id}>
              {learner.name} ({learner.email})
            </option>
          ))}
        </select>
        {learnerErrors && (
          <p id="learnerId-error" className="field-error" role="alert">
            {learnerErrors.join(" ")}
          </p>
        )}
      </div>
      <Field name="deadline" label="New deadline (UTC)" type="datetime-local" errors={fieldErrors.deadline} hint="Leave empty to keep the lab's deadline." />
      <Field name="extraAttempts" label="Extra attempts" type="number" min={0} max={100} step={1} defaultValue="0" errors={fieldErrors.extraAttempts} />
      <Field name="reason" label="Reason" errors={fieldErrors.reason} hint="Kept with the extension and in the course's audit log." />
      {fieldErrors.form && (
        <p className="field-error" role="alert">
          {fieldErrors.form.join(" ")}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? "Saving…" : "Grant extension"}
        </button>
      </div>
    </form>
  );
}
