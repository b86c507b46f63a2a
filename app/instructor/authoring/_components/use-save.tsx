"use client";

import { useState } from "react";
import type { FieldErrors } from "@/lib/errors";
import type { ActionResult } from "@/app/instructor/_lib/action-result";

/**
 * The state every authoring form shares: the field errors of the last save (what was typed stays
 * in the form's own state), a message for the whole form, and whether a save is under way.
 */
export function useSave() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function save<T>(run: () => Promise<ActionResult<T>>, onSaved: (value: T) => string | void): Promise<void> {
    setIsPending(true);
    setMessage(null);
    try {
      const result = await run();
      if (!result.isOk) {
        setFieldErrors(result.fieldErrors);
        setMessage({ text: result.message, isError: true });
        return;
      }
      setFieldErrors({});
      const text = onSaved(result.value);
      if (text) setMessage({ text, isError: false });
    } catch {
      setMessage({ text: "Not saved: the server could not be reached. Your text is still here; try again.", isError: true });
    } finally {
      setIsPending(false);
    }
  }

  return { fieldErrors, message, isPending, save };
}

export function FormMessage({ message }: { message: { text: string; isError: boolean } | null }) {
  if (!message) return null;
  return message.isError ? (
    <p className="field-error" role="alert" id="form-error">
      {message.text}
    </p>
  ) : (
    <p role="status" id="form-status">
      {message.text}
    </p>
  );
}
