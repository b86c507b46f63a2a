import type { Metadata } from "next";
import { getLocale } from "@/lib/i18n/locale";
import { verifyMessagesFor } from "@/lib/i18n/verify-messages";
import { VerifyForm } from "./verify-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: verifyMessagesFor(await getLocale()).verify.title };
}

export default async function VerifyPage() {
  const locale = await getLocale();
  const t = verifyMessagesFor(locale).verify;
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <VerifyForm locale={locale} />
    </>
  );
}
