"use client";

import { useActionState } from "react";
import type { Locale } from "@/lib/courses/content-schema";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { setCertificateVisibilityAction, type VisibilityFormState } from "./certificate-actions";

/** The "make public / make private" switch of one certificate, with the reason if it is refused. */
export function VisibilityForm({
  publicId,
  isPublic,
  locale,
}: {
  publicId: string;
  isPublic: boolean;
  locale: Locale;
}) {
  const t = accountMessagesFor(locale).certificates;
  const [state, action, isPending] = useActionState<VisibilityFormState, FormData>(setCertificateVisibilityAction, {
    isOk: null,
    message: "",
  });
  return (
    <form action={action}>
      <input type="hidden" name="publicId" value={publicId} />
      <input type="hidden" name="isPublic" value={isPublic ? "false" : "true"} />
      <span className="muted" data-testid="visibility">
        {isPublic ? t.isPublic : t.isPrivate}
      </span>{" "}
      <button type="submit" className="link-button" disabled={isPending}>
        {isPublic ? t.makePrivate : t.makePublic}
      </button>
      {state.isOk === false && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
