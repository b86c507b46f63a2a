import Link from "next/link";
import { getLocale } from "@/lib/i18n/locale";
import { siteMessagesFor } from "@/lib/i18n/site-messages";

export default async function Forbidden() {
  const t = siteMessagesFor(await getLocale()).forbidden;
  return (
    <>
      {/* Like not-found, forbidden has no metadata of its own; React puts this title in the head. */}
      <title>{`${t.title} · Gradient`}</title>
      <h1>{t.heading}</h1>
      <p>{t.body}</p>
      <p>
        <Link href="/dashboard">{t.dashboard}</Link>
      </p>
    </>
  );
}
