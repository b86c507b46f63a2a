"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import type { FieldErrors } from "@/lib/errors";
import { setCourseInstructorAction } from "./actions";

interface CourseInstructorFormProps {
  accounts: { id: string; name: string; email: string }[];
  courses: { slug: string; title: string }[];
}

function SelectField({ name, label, errors, children }: { name: string; label: string; errors?: string[]; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue="" aria-invalid={Boolean(errors)} aria-describedby={errors ? `${name}-error` : undefined}>
        {children}
      </select>
      {errors && (
        <p id={`${name}-error`} className="field-error" role="alert">
          {errors.join(" ")}
        </p>
      )}
    </div>
  );
}

/** Makes an instructor teach a course, or stop teaching it. */
export function CourseInstructorForm({ accounts, courses }: CourseInstructorFormProps) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setFormError(null);
    setNotice(null);
    try {
      const result = await setCourseInstructorAction({ userId: form.get("userId"), courseSlug: form.get("courseSlug"), isInstructor: form.get("isInstructor") });
      if (!result.isOk) {
        setFieldErrors(result.fieldErrors);
        setFormError(result.message);
        return;
      }
      setFieldErrors({});
      setNotice(result.value.isChanged ? "Saved." : "Nothing to change.");
      router.refresh();
    } catch {
      setFormError("Not saved: the server could not be reached. Try again in a moment.");
    } finally {
      setIsPending(false);
    }
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label="Course instructors">
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      <SelectField name="userId" label="Account" errors={fieldErrors.userId}>
        <option value="">Choose an account</option>
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.name} ({account.email})
          </option>
        ))}
      </SelectField>
      <SelectField name="courseSlug" label="Course" errors={fieldErrors.courseSlug}>
        <option value="">Choose a course</option>
        {courses.map((course) => (
          <option key={course.slug} value={course.slug}>
            {course.title}
          </option>
        ))}
      </SelectField>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600 }}>Teaches the course</legend>
        <label>
          <input type="radio" name="isInstructor" value="true" defaultChecked /> Yes, make them an instructor of it
        </label>
        <label>
          <input type="radio" name="isInstructor" value="false" /> No, take it away
        </label>
      </fieldset>
      <div>
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? "Saving…" : "Save course instructor"}
        </button>
      </div>
    </form>
  );
}
