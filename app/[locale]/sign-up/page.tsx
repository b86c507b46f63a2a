import type { Metadata } from "next";
import { getCurrentUser } from "@/lib/auth";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { getLocale } from "@/lib/i18n/locale";
import { redirectInLocale } from "@/lib/i18n/redirect-in-locale";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/schemas";
import { signInReturnPath, withReturnPath, type SearchParams } from "@/app/_lib/sign-in-return-path";
import { SignUpForm } from "./sign-up-form";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: accountMessagesFor(await getLocale()).signUp.title };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Someone sent here from a lesson's quiz goes back to the lesson once their account exists.
  const returnTo = signInReturnPath(await searchParams);
  if (await getCurrentUser()) await redirectInLocale(returnTo);
  const locale = await getLocale();
  const t = accountMessagesFor(locale).signUp;
  return (
    <>
      <h1>{t.heading}</h1>
      <SignUpForm minPasswordLength={MIN_PASSWORD_LENGTH} locale={locale} returnTo={returnTo} />
      <p>
        {t.haveAccount} <Link href={withReturnPath("/sign-in", returnTo)}>{t.signIn}</Link>
      </p>
    </>
  );
}
