"use client";

import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { Field, SelectField } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { createTokenAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

const EXPIRY_OPTIONS = [
  { value: "30", label: "30 days" },
  { value: "7", label: "7 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
];

export function CreateTokenForm() {
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(
    "The token could not be created: the server could not be reached. Try again in a moment.",
  );
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [isCopied, setIsCopied] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setCreated(null);
    setIsCopied(false);
    void save(
      () => createTokenAction({ name: form.get("name"), expiresInDays: form.get("expiresInDays") }),
      ({ token, name }) => {
        setCreated({ token, name });
        formElement.reset();
        router.refresh();
      },
    );
  }

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setIsCopied(true);
    } catch {
      // Clipboard access can be refused; the token stays selectable in the field.
      setIsCopied(false);
    }
  }

  return (
    <>
      {created && (
        <div className="card" role="status" data-testid="new-token">
          <p style={{ marginTop: 0 }}>
            <strong>Copy your new token “{created.name}” now.</strong> It is shown only this once; Gradient keeps only a
            hash of it.
          </p>
          <div className="field">
            <label htmlFor="new-token-value">Token</label>
            <input
              id="new-token-value"
              readOnly
              value={created.token}
              onFocus={(event) => event.currentTarget.select()}
              spellCheck={false}
            />
          </div>
          <p>
            <button type="button" className="button secondary" onClick={() => void copy(created.token)}>
              {isCopied ? "Copied" : "Copy to clipboard"}
            </button>
          </p>
          <p className="muted" style={{ marginBottom: 0 }}>
            Use it with <code>GRADIENT_TOKEN=… npm run submit -- --assignment &lt;lab&gt; --file model.js</code>.
          </p>
        </div>
      )}
      <form className="form card" onSubmit={onSubmit} noValidate>
        <FormMessage message={message} />
        <Field
          name="name"
          label="Token name"
          maxLength={60}
          errors={fieldErrors.name}
          hint="What the token is for, such as “laptop CLI”."
        />
        <SelectField name="expiresInDays" label="Expires after" defaultValue="30" errors={fieldErrors.expiresInDays}>
          {EXPIRY_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <SubmitButton isPending={isPending} pendingLabel="Creating…">
          Create token
        </SubmitButton>
      </form>
    </>
  );
}
