"use client";

import type { FormEvent } from "react";
import { useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { changeRoleAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

const ROLES = ["LEARNER", "INSTRUCTOR", "ADMIN"] as const;

/** One account's role: a select and a save button, with the refusal (e.g. the last admin) shown beside it. */
export function RoleForm({
  userId,
  email,
  role,
  locale,
}: {
  userId: string;
  email: string;
  role: string;
  locale: Locale;
}) {
  const t = staffMessagesFor(locale).admin;
  const router = useRouter();
  const { message, isPending, save } = useSave(t.notSaved);
  const error = message?.isError ? message.text : null;
  const errorId = `role-${userId}-error`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void save(
      async () => {
        const result = await changeRoleAction({ userId, role: form.get("role") });
        if (result.isOk) return result;
        // The form shows one line: the role's field errors in place of the message, then the account's.
        const text = [result.fieldErrors.role?.join(" ") ?? result.message, result.fieldErrors.userId?.join(" ")]
          .filter(Boolean)
          .join(" ");
        return { isOk: false, message: text };
      },
      () => router.refresh(),
    );
  }

  // The button is plainly "Save": an e-mail in its name would become part of its table cell's
  // name, and the cell holding the e-mail would no longer be the only one that matches it.
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      style={{ display: "flex", gap: "0.5rem", alignItems: "center", flexWrap: "wrap" }}
    >
      <select
        name="role"
        defaultValue={role}
        aria-label={t.roleOf(email)}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
      >
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {t.roles[value]}
          </option>
        ))}
      </select>
      <SubmitButton isPending={isPending} className="button secondary">
        {t.save}
      </SubmitButton>
      {error && (
        <p id={errorId} className="field-error" role="alert" style={{ flexBasis: "100%" }}>
          {error}
        </p>
      )}
    </form>
  );
}
