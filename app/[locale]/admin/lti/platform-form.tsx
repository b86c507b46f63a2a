"use client";

import type { FormEvent, TextareaHTMLAttributes } from "react";
import { Field, FieldError } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { ltiAdminMessagesFor } from "@/lib/i18n/lti-admin-messages";
import { useRouter } from "@/lib/i18n/navigation";
import { registerPlatformAction, updatePlatformAction } from "./actions";

/** The values an edit starts from; absent for a new registration. */
export interface PlatformFormValues {
  platformId: string;
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  accessTokenUrl: string;
  jwksUrl: string;
  authServer: string | null;
  deploymentIds: string[];
  frameOrigins: string[];
}

const FIELDS = [
  "name",
  "issuer",
  "clientId",
  "authLoginUrl",
  "accessTokenUrl",
  "jwksUrl",
  "authServer",
  "deploymentIds",
  "frameOrigins",
] as const;

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  name: string;
  label: string;
  hint: string;
  errors?: string[];
}

/** A labelled textarea for one-a-line lists, with its hint and errors linked for screen readers. */
function TextAreaField({ name, label, hint, errors, ...textarea }: TextAreaFieldProps) {
  const hasErrors = Boolean(errors && errors.length > 0);
  const describedBy = [`${name}-hint`, hasErrors ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <textarea
        id={name}
        name={name}
        rows={3}
        spellCheck={false}
        aria-invalid={hasErrors}
        aria-describedby={describedBy}
        {...textarea}
      />
      <p id={`${name}-hint`} className="muted" style={{ margin: 0, fontSize: "0.9rem" }}>
        {hint}
      </p>
      <FieldError id={`${name}-error`} errors={errors} />
    </div>
  );
}

/**
 * Registers a platform by hand, or edits one (`initial`). Every field is checked on the server;
 * the fields are uncontrolled, so what was typed stays in place beside its error.
 */
export function PlatformForm({ locale, initial }: { locale: Locale; initial?: PlatformFormValues }) {
  const t = ltiAdminMessagesFor(locale).form;
  const unreachable = ltiAdminMessagesFor(locale).unreachable;
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(unreachable);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input: Record<string, unknown> = Object.fromEntries(FIELDS.map((field) => [field, form.get(field)]));
    if (initial) {
      void save(
        () => updatePlatformAction({ ...input, platformId: initial.platformId }),
        () => {
          router.refresh();
          return t.saved;
        },
      );
      return;
    }
    void save(
      () => registerPlatformAction(input),
      () => {
        formElement.reset();
        router.refresh();
        return t.registered;
      },
    );
  }

  const url = { type: "url", inputMode: "url", spellCheck: false, autoComplete: "off" } as const;
  return (
    <form
      className="form card"
      onSubmit={onSubmit}
      noValidate
      aria-label={initial ? t.editHeading(initial.name) : t.registerHeading}
    >
      <FormMessage message={message} />
      <Field name="name" label={t.name} hint={t.nameHint} defaultValue={initial?.name} errors={fieldErrors.name} />
      <Field
        name="issuer"
        label={t.issuer}
        hint={t.issuerHint}
        defaultValue={initial?.issuer}
        errors={fieldErrors.issuer}
        {...url}
      />
      <Field
        name="clientId"
        label={t.clientId}
        hint={t.clientIdHint}
        defaultValue={initial?.clientId}
        errors={fieldErrors.clientId}
        spellCheck={false}
        autoComplete="off"
      />
      <Field
        name="authLoginUrl"
        label={t.authLoginUrl}
        hint={t.authLoginUrlHint}
        defaultValue={initial?.authLoginUrl}
        errors={fieldErrors.authLoginUrl}
        {...url}
      />
      <Field
        name="accessTokenUrl"
        label={t.accessTokenUrl}
        hint={t.accessTokenUrlHint}
        defaultValue={initial?.accessTokenUrl}
        errors={fieldErrors.accessTokenUrl}
        {...url}
      />
      <Field
        name="jwksUrl"
        label={t.jwksUrl}
        hint={t.jwksUrlHint}
        defaultValue={initial?.jwksUrl}
        errors={fieldErrors.jwksUrl}
        {...url}
      />
      <Field
        name="authServer"
        label={t.authServer}
        hint={t.authServerHint}
        defaultValue={initial?.authServer ?? ""}
        errors={fieldErrors.authServer}
        {...url}
      />
      <TextAreaField
        name="deploymentIds"
        label={t.deploymentIds}
        hint={t.deploymentIdsHint}
        defaultValue={initial?.deploymentIds.join("\n")}
        errors={fieldErrors.deploymentIds}
      />
      <TextAreaField
        name="frameOrigins"
        label={t.frameOrigins}
        hint={t.frameOriginsHint}
        defaultValue={initial?.frameOrigins.join("\n")}
        errors={fieldErrors.frameOrigins}
      />
      <div>
        <SubmitButton isPending={isPending} pendingLabel={initial ? undefined : t.registering}>
          {initial ? t.save : t.register}
        </SubmitButton>
      </div>
    </form>
  );
}
