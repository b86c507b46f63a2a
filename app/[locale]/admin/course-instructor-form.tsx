"use client";

import type { FormEvent } from "react";
import { SelectField } from "@/app/_components/field";
import { PersonSelectField } from "@/app/_components/person-select-field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import { setCourseInstructorAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

interface CourseInstructorFormProps {
  accounts: { id: string; name: string; email: string }[];
  courses: { slug: string; title: string }[];
}

/** Makes an instructor teach a course, or stop teaching it. */
export function CourseInstructorForm({ accounts, courses }: CourseInstructorFormProps) {
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(
    "Not saved: the server could not be reached. Try again in a moment.",
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void save(
      () =>
        setCourseInstructorAction({
          userId: form.get("userId"),
          courseSlug: form.get("courseSlug"),
          isInstructor: form.get("isInstructor"),
        }),
      ({ value }) => {
        router.refresh();
        return value.isChanged ? "Saved." : "Nothing to change.";
      },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label="Course instructors">
      <FormMessage message={message} />
      <PersonSelectField
        name="userId"
        label="Account"
        placeholder="Choose an account"
        people={accounts}
        errors={fieldErrors.userId}
      />
      <SelectField name="courseSlug" label="Course" defaultValue="" errors={fieldErrors.courseSlug}>
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
        <SubmitButton isPending={isPending}>Save course instructor</SubmitButton>
      </div>
    </form>
  );
}
