"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { Field } from "@/app/_components/field";
import { useRouter } from "@/lib/i18n/navigation";

const FAILED = "That email and password do not match an account.";

export function SignInForm({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = form.get("email");
    const password = form.get("password");
    if (typeof email !== "string" || typeof password !== "string" || !email || !password) {
      setError("Enter your email and your password.");
      return;
    }
    setIsPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) {
        setError(!result || result.error === "CredentialsSignin" ? FAILED : result.error);
        return;
      }
      router.push(returnTo);
      router.refresh();
    } catch {
      setError("Signing in failed: the server could not be reached. Try again in a moment.");
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
      <Field name="email" label="Email" type="email" autoComplete="email" required />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required />
      <SubmitButton isPending={isPending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
