import type { Metadata } from "next";
import { getLocale } from "@/lib/i18n/locale";
import { policyMessagesFor } from "@/lib/i18n/policy-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: policyMessagesFor(await getLocale()).privacy.title };
}

export default async function PrivacyPage() {
  const t = policyMessagesFor(await getLocale()).privacy;
  return (
    <>
      <h1>{t.title}</h1>
      {t.paragraphs.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
    </>
  );
}
