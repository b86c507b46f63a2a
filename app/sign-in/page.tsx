import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { getLocale } from "@/lib/i18n/locale";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: accountMessagesFor(await getLocale()).signIn.title };
}

function safeReturnPath(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  // Only paths on this site, never another origin (no open redirect).
  return path && path.startsWith("/") && !path.startsWith("//") ? path : "/dashboard";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const returnTo = safeReturnPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(returnTo);
  const locale = await getLocale();
  const t = accountMessagesFor(locale).signIn;
  return (
    <>
      <h1>{t.title}</h1>
      <SignInForm returnTo={returnTo} locale={locale} />
      <p>
        {t.newHere} <Link href="/sign-up">{t.createAccount}</Link>
      </p>
    </>
  );
}
