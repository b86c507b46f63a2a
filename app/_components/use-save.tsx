"use client";

import { useCallback, useState } from "react";
import type { FieldErrors } from "@/lib/errors";
import { siteMessagesFor } from "@/lib/i18n/site-messages";
import { documentLocale } from "./document-locale";

/**
 * What a form's save may answer: an ActionResult (app/_lib/action-result.ts), or an older action's
 * result of the same shape, whose value sits beside isOk and whose refusal may have no field errors.
 * Those results stay as they are: the HTTP matrix of e2e/server-actions.spec.ts pins them.
 */
type SaveResult = { isOk: true } | { isOk: false; message: string; fieldErrors?: FieldErrors };

type SaveMessage = { text: string; isError: boolean } | null;

/**
 * The state every form that calls a server action shares: the field errors of the last answer
 * (what was typed stays in the form's own fields or state), a message for the whole form, and
 * whether a save is under way. `unreachable` is the message shown when the action never answered;
 * without one, a general one in the page's language (read when needed: only the browser saves).
 */
export function useSave(unreachable?: string) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<SaveMessage>(null);
  const [isPending, setIsPending] = useState(false);

  // Stable across renders, so a form may list it among an effect's dependencies (the timed quiz does).
  const save = useCallback(
    async <R extends SaveResult>(
      run: () => Promise<R>,
      onSaved: (saved: Extract<R, { isOk: true }>) => string | void | Promise<string | void>,
    ): Promise<void> => {
      setIsPending(true);
      setMessage(null);
      try {
        const result = await run();
        if (!result.isOk) {
          setFieldErrors(result.fieldErrors ?? {});
          setMessage({ text: result.message, isError: true });
          return;
        }
        setFieldErrors({});
        // The cast: checking isOk narrows R's constraint, not R. Awaited inside the try, so what
        // onSaved still asks of the server fails with the same message.
        const text = await onSaved(result as Extract<R, { isOk: true }>);
        if (text) setMessage({ text, isError: false });
      } catch {
        setMessage({ text: unreachable ?? siteMessagesFor(documentLocale()).form.unreachable, isError: true });
      } finally {
        setIsPending(false);
      }
    },
    [unreachable],
  );

  return { fieldErrors, message, isPending, save };
}

/** The answer to the whole form: what went wrong (an alert) or what was done (a status). */
export function FormMessage({ message }: { message: SaveMessage }) {
  if (!message) return null;
  return message.isError ? (
    <p className="form-error" role="alert" id="form-error">
      {message.text}
    </p>
  ) : (
    <p role="status" id="form-status">
      {message.text}
    </p>
  );
}
