import type { Metadata } from "next";
import { getLocale } from "@/lib/i18n/locale";
import { policyMessagesFor } from "@/lib/i18n/policy-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: policyMessagesFor(await getLocale()).terms.title };
}

export default async function TermsPage() {
  const t = policyMessagesFor(await getLocale()).terms;
  return (
    <>
      <h1>{t.title}</h1>
      {t.paragraphs.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
    </>
  );
}
