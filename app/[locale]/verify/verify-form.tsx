"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { verifyCredentialAction, type VerifyFormState } from "./actions";
import { VerdictPanel } from "./verdict-panel";

export function VerifyForm() {
  const [state, action, isPending] = useActionState<VerifyFormState, FormData>(verifyCredentialAction, {
    kind: "idle",
  });
  return (
    <>
      <form className="form card" action={action}>
        <div className="field">
          <label htmlFor="text">Paste a credential</label>
          <textarea
            id="text"
            name="text"
            rows={6}
            spellCheck={false}
            placeholder="eyJhbGciOiJFZERTQSIs… or the JSON file's contents"
          />
        </div>
        <div className="field">
          <label htmlFor="file">or upload its file (.jwt or .json)</label>
          <input id="file" name="file" type="file" accept=".jwt,.json,application/json,application/vc+jwt,text/plain" />
        </div>
        {state.kind === "invalid" && (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        )}
        <SubmitButton isPending={isPending} pendingLabel="Verifying…">
          Verify
        </SubmitButton>
      </form>
      {state.kind === "verdict" && (
        <div aria-live="polite">
          <VerdictPanel status={state.status} problems={state.problems} details={state.details} />
        </div>
      )}
    </>
  );
}
