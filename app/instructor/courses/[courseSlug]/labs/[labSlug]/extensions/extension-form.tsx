"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import type { FieldErrors } from "@/lib/errors";
import { grantExtensionAction } from "../actions";

interface ExtensionFormProps {
  courseSlug: string;
  assignmentSlug: string;
  learners: { id: string; name: string; email: string }[];
}

/** Grants (or replaces) one learner's extension. What was typed survives every error. */
export function ExtensionForm({ courseSlug, assignmentSlug, learners }: ExtensionFormProps) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setIsPending(true);
    setFormError(null);
    setNotice(null);
    try {
      const result = await grantExtensionAction(courseSlug, assignmentSlug, {
        learnerId: form.get("learnerId"),
        deadline: form.get("deadline"),
        extraAttempts: form.get("extraAttempts"),
        reason: form.get("reason"),
      });
      if (!result.isOk) {
        setFieldErrors(result.fieldErrors);
        setFormError(result.message);
        return;
      }
      setFieldErrors({});
      formElement.reset();
      setNotice("Extension granted.");
      router.refresh();
    } catch {
      setFormError("The extension could not be saved: the server could not be reached. Try again in a moment.");
    } finally {
      setIsPending(false);
    }
  }

  const learnerErrors = fieldErrors.learnerId;
  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label="Grant an extension">
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
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
