import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { SignInForm } from "./sign-in-form";
import { Link } from "@/lib/i18n/navigation";
import { pathWithoutLocale } from "@/lib/i18n/routing";

export const metadata: Metadata = { title: "Sign in" };

function safeReturnPath(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  // Only paths on this site, never another origin (no open redirect).
  // A way back that names a language loses it: the form's router puts the page's own back.
  return path && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")
    ? pathWithoutLocale(path)
    : "/dashboard";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const returnTo = safeReturnPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(returnTo);
  return (
    <>
      <h1>Sign in</h1>
      <SignInForm returnTo={returnTo} />
      <p>
        New to Gradient? <Link href="/sign-up">Create an account</Link>.
      </p>
    </>
  );
}
