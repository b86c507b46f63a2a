"use client";

import { signIn } from "next-auth/react";
import type { FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { Field } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { signUpAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";
import { withReturnPath } from "@/app/_lib/sign-in-return-path";

export function SignUpForm({
  minPasswordLength,
  locale,
  returnTo,
}: {
  minPasswordLength: number;
  locale: Locale;
  /** A path on this site without its locale, checked by the page (app/_lib/sign-in-return-path.ts). */
  returnTo: string;
}) {
  const t = accountMessagesFor(locale).signUp;
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);

  // Submitted by hand rather than as a form action, so the fields keep what was typed on error.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: form.get("name"), email: form.get("email"), password: form.get("password") };
    void save(
      () => signUpAction(input),
      async () => {
        const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
        router.push(signedIn?.ok ? returnTo : withReturnPath("/sign-in", returnTo));
        router.refresh();
      },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate>
      <FormMessage message={message} />
      <Field name="name" label={t.name} autoComplete="name" errors={fieldErrors.name} hint={t.nameHint} />
      <Field name="email" label={t.email} type="email" autoComplete="email" errors={fieldErrors.email} />
      <Field
        name="password"
        label={t.password}
        type="password"
        autoComplete="new-password"
        errors={fieldErrors.password}
        hint={t.passwordHint(minPasswordLength)}
      />
      <SubmitButton isPending={isPending} pendingLabel={t.pending}>
        {t.submit}
      </SubmitButton>
    </form>
  );
}
