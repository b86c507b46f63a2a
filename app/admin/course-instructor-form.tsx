"use client";

import { useRouter } from "next/navigation";
import type { FormEvent, ReactNode } from "react";
import { useSave } from "@/app/_components/use-save";
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
  const { fieldErrors, message, isPending, save } = useSave("Not saved: the server could not be reached. Try again in a moment.");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void save(
      () => setCourseInstructorAction({ userId: form.get("userId"), courseSlug: form.get("courseSlug"), isInstructor: form.get("isInstructor") }),
      ({ value }) => {
        router.refresh();
        return value.isChanged ? "Saved." : "Nothing to change.";
      },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label="Course instructors">
      {message?.isError && (
        <p className="form-error" role="alert">
          {message.text}
        </p>
      )}
      {message && !message.isError && <p role="status">{message.text}</p>}
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
