"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { Field } from "@/app/_components/field";
import { useRouter } from "@/lib/i18n/navigation";

export function SignInForm({ returnTo, locale }: { returnTo: string; locale: Locale }) {
  const t = accountMessagesFor(locale).signIn;
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = form.get("email");
    const password = form.get("password");
    if (typeof email !== "string" || typeof password !== "string" || !email || !password) {
      setError(t.missing);
      return;
    }
    setIsPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) {
        // The only other error authorize() throws is its rate limit on failed attempts (lib/auth.ts).
        setError(!result || result.error === "CredentialsSignin" ? t.failed : t.tooManyTries);
        return;
      }
      router.push(returnTo);
      router.refresh();
    } catch {
      setError(t.unreachable);
    } finally {
      setIsPending(false);
    }
  }

  return (
    <form
      className="form card"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-describedby={error ? "sign-in-error" : undefined}
    >
      {error && (
        <p id="sign-in-error" className="form-error" role="alert">
          {error}
        </p>
      )}
      <Field name="email" label={t.email} type="email" autoComplete="email" required />
      <Field name="password" label={t.password} type="password" autoComplete="current-password" required />
      <SubmitButton isPending={isPending} pendingLabel={t.pending}>
        {t.submit}
      </SubmitButton>
    </form>
  );
}
