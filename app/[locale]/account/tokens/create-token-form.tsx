"use client";

import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { Field, SelectField } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { createTokenAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

/** In the order offered: the default first. */
const EXPIRY_OPTIONS = ["30", "7", "90", "365", "never"] as const;

export function CreateTokenForm({ locale }: { locale: Locale }) {
  const t = accountMessagesFor(locale).tokens;
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);
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
            <strong>{t.copyNow(created.name)}</strong> {t.shownOnce}
          </p>
          <div className="field">
            <label htmlFor="new-token-value">{t.token}</label>
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
              {isCopied ? t.copied : t.copy}
            </button>
          </p>
          <p className="muted" style={{ marginBottom: 0 }}>
            {t.useIt} <code>GRADIENT_TOKEN=… npm run submit -- --assignment &lt;lab&gt; --file model.js</code>.
          </p>
        </div>
      )}
      <form className="form card" onSubmit={onSubmit} noValidate>
        <FormMessage message={message} />
        <Field name="name" label={t.tokenName} maxLength={60} errors={fieldErrors.name} hint={t.tokenNameHint} />
        <SelectField name="expiresInDays" label={t.expiresAfter} defaultValue="30" errors={fieldErrors.expiresInDays}>
          {EXPIRY_OPTIONS.map((option) => (
            <option key={option} value={option}>
              {t.expiry[option]}
            </option>
          ))}
        </SelectField>
        <SubmitButton isPending={isPending} pendingLabel={t.pending}>
          {t.submit}
        </SubmitButton>
      </form>
    </>
  );
}
