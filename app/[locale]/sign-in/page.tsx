import type { Metadata } from "next";
import { getCurrentUser } from "@/lib/auth";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { getLocale } from "@/lib/i18n/locale";
import { redirectInLocale } from "@/lib/i18n/redirect-in-locale";
import { Link } from "@/lib/i18n/navigation";
import { signInReturnPath, withReturnPath, type SearchParams } from "@/app/_lib/sign-in-return-path";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: accountMessagesFor(await getLocale()).signIn.title };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const returnTo = signInReturnPath(await searchParams);
  if (await getCurrentUser()) await redirectInLocale(returnTo);
  const locale = await getLocale();
  const t = accountMessagesFor(locale).signIn;
  return (
    <>
      <h1>{t.title}</h1>
      <SignInForm returnTo={returnTo} locale={locale} />
      <p>
        {t.newHere} <Link href={withReturnPath("/sign-up", returnTo)}>{t.createAccount}</Link>
      </p>
    </>
  );
}
