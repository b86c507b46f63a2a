"use client";

import { useActionState } from "react";
import { setCertificateVisibilityAction, type VisibilityFormState } from "./certificate-actions";

/** The "make public / make private" switch of one certificate, with the reason if it is refused. */
export function VisibilityForm({ publicId, isPublic }: { publicId: string; isPublic: boolean }) {
  const [state, action, isPending] = useActionState<VisibilityFormState, FormData>(setCertificateVisibilityAction, {
    isOk: null,
    message: "",
  });
  return (
    <form action={action}>
      <input type="hidden" name="publicId" value={publicId} />
      <input type="hidden" name="isPublic" value={isPublic ? "false" : "true"} />
      <span className="muted" data-testid="visibility">
        {isPublic
          ? "Public: anyone with the link sees your name and score."
          : "Private: the link shows only that it is valid."}
      </span>{" "}
      <button type="submit" className="link-button" disabled={isPending}>
        {isPublic ? "Make private" : "Make public"}
      </button>
      {state.isOk === false && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
