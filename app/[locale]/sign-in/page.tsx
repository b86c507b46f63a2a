import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { SignInForm } from "./sign-in-form";
import { Link } from "@/lib/i18n/navigation";
import { pathWithoutLocale } from "@/lib/i18n/routing";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // A way back that names a language loses it: the form's router puts the page's own back.
  const returnTo = pathWithoutLocale(safeReturnPath((await searchParams).callbackUrl, "/dashboard"));
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
