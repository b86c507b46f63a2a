"use client";

import type { FormEvent } from "react";
import { SelectField } from "@/app/_components/field";
import { PersonSelectField } from "@/app/_components/person-select-field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { setCourseInstructorAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

interface CourseInstructorFormProps {
  accounts: { id: string; name: string; email: string }[];
  courses: { slug: string; title: string }[];
  locale: Locale;
}

/** Makes an instructor teach a course, or stop teaching it. */
export function CourseInstructorForm({ accounts, courses, locale }: CourseInstructorFormProps) {
  const t = staffMessagesFor(locale).admin;
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(t.notSaved);

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
        return value.isChanged ? t.saved : t.nothingToChange;
      },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label={t.courseInstructors}>
      <FormMessage message={message} />
      <PersonSelectField
        name="userId"
        label={t.account}
        placeholder={t.chooseAccount}
        people={accounts}
        errors={fieldErrors.userId}
      />
      <SelectField name="courseSlug" label={t.course} defaultValue="" errors={fieldErrors.courseSlug}>
        <option value="">{t.chooseCourse}</option>
        {courses.map((course) => (
          <option key={course.slug} value={course.slug}>
            {course.title}
          </option>
        ))}
      </SelectField>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600 }}>{t.teachesCourse}</legend>
        <label>
          <input type="radio" name="isInstructor" value="true" defaultChecked /> {t.yes}
        </label>
        <label>
          <input type="radio" name="isInstructor" value="false" /> {t.no}
        </label>
      </fieldset>
      <div>
        <SubmitButton isPending={isPending}>{t.saveInstructor}</SubmitButton>
      </div>
    </form>
  );
}
