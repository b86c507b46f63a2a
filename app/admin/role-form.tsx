"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { changeRoleAction } from "./actions";

const ROLES = [
  { value: "LEARNER", label: "Learner" },
  { value: "INSTRUCTOR", label: "Instructor" },
  { value: "ADMIN", label: "Admin" },
] as const;

/** One account's role: a select and a save button, with the refusal (e.g. the last admin) shown beside it. */
export function RoleForm({ userId, email, role }: { userId: string; email: string; role: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const errorId = `role-${userId}-error`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    try {
      const result = await changeRoleAction({ userId, role: form.get("role") });
      if (!result.isOk) {
        setError([result.fieldErrors.role?.join(" ") ?? result.message, result.fieldErrors.userId?.join(" ")].filter(Boolean).join(" "));
        return;
      }
      router.refresh();
    } catch {
      setError("Not saved: the server could not be reached.");
    } finally {
      setIsPending(false);
    }
  }

  // The button is plainly "Save": an e-mail in its name would become part of its table cell's
  // name, and the cell holding the e-mail would no longer be the only one that matches it.
  return (
    <form onSubmit={onSubmit} noValidate style={{ display: "flex", gap: "0.5rem", alignItems: "center", flexWrap: "wrap" }}>
      <select name="role" defaultValue={role} aria-label={`Role of ${email}`} aria-invalid={Boolean(error)} aria-describedby={error ? errorId : undefined}>
        {ROLES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button secondary" disabled={isPending}>
        {isPending ? "Saving…" : "Save"}
      </button>
      {error && (
        <p id={errorId} className="field-error" role="alert" style={{ flexBasis: "100%" }}>
          {error}
        </p>
      )}
    </form>
  );
}
