"use client";

import { signIn } from "next-auth/react";
import type { FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { Field } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { signUpAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

export function SignUpForm({ minPasswordLength }: { minPasswordLength: number }) {
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(
    "Your account could not be created: the server could not be reached. Try again in a moment.",
  );

  // Submitted by hand rather than as a form action, so the fields keep what was typed on error.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: form.get("name"), email: form.get("email"), password: form.get("password") };
    void save(
      () => signUpAction(input),
      async () => {
        const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
        router.push(signedIn?.ok ? "/dashboard" : "/sign-in");
        router.refresh();
      },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate>
      <FormMessage message={message} />
      <Field
        name="name"
        label="Name"
        autoComplete="name"
        errors={fieldErrors.name}
        hint="As it should appear on your certificates."
      />
      <Field name="email" label="Email" type="email" autoComplete="email" errors={fieldErrors.email} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        errors={fieldErrors.password}
        hint={`At least ${minPasswordLength} characters.`}
      />
      <SubmitButton isPending={isPending} pendingLabel="Creating your account…">
        Create account
      </SubmitButton>
    </form>
  );
}
