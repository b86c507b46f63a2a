import type { Metadata } from "next";
import { getCurrentUser } from "@/lib/auth";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { getLocale } from "@/lib/i18n/locale";
import { redirectInLocale } from "@/lib/i18n/redirect-in-locale";
import { Link } from "@/lib/i18n/navigation";
import { pathWithoutLocale } from "@/lib/i18n/routing";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: accountMessagesFor(await getLocale()).signIn.title };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // A way back that names a language loses it: the form's router puts the page's own back.
  const returnTo = pathWithoutLocale(safeReturnPath((await searchParams).callbackUrl, "/dashboard"));
  if (await getCurrentUser()) await redirectInLocale(returnTo);
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
