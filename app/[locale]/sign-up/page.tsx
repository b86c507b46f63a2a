import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/schemas";
import { SignUpForm } from "./sign-up-form";
import { Link } from "@/lib/i18n/navigation";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/dashboard");
  return (
    <>
      <h1>Create your account</h1>
      <SignUpForm minPasswordLength={MIN_PASSWORD_LENGTH} />
      <p>
        Already have an account? <Link href="/sign-in">Sign in</Link>.
      </p>
    </>
  );
}
