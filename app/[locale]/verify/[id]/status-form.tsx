"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { changeCertificateStatusAction, type StatusFormState } from "./actions";

export function StatusForm({ publicId, isSuspended }: { publicId: string; isSuspended: boolean }) {
  const [state, action, isPending] = useActionState<StatusFormState, FormData>(changeCertificateStatusAction, {
    isOk: null,
    message: "",
  });
  return (
    <form className="form card" action={action} aria-labelledby="manage-heading">
      <h2 id="manage-heading" style={{ marginTop: 0 }}>
        Manage this certificate
      </h2>
      <input type="hidden" name="publicId" value={publicId} />
      <div className="field">
        <label htmlFor="status-action">Action</label>
        <select id="status-action" name="action" defaultValue="revoke">
          <option value="revoke">Revoke (final)</option>
          {isSuspended ? (
            <option value="reinstate">Lift the suspension</option>
          ) : (
            <option value="suspend">Suspend</option>
          )}
        </select>
      </div>
      <div className="field">
        <label htmlFor="reason">Reason</label>
        <textarea id="reason" name="reason" rows={2} required minLength={3} maxLength={500} />
      </div>
      {state.message && (
        <p className={state.isOk ? "muted" : "form-error"} role="alert">
          {state.message}
        </p>
      )}
      <SubmitButton isPending={isPending}>Apply</SubmitButton>
    </form>
  );
}
