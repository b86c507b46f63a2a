import { DocumentTitle } from "@/app/_components/document-title";
import { getLocale } from "@/lib/i18n/locale";
import { siteMessagesFor } from "@/lib/i18n/site-messages";
import { Link } from "@/lib/i18n/navigation";

export default async function Forbidden() {
  const t = siteMessagesFor(await getLocale()).forbidden;
  return (
    <>
      <DocumentTitle title={`${t.title} · Gradient`} />
      <h1>{t.heading}</h1>
      <p>{t.body}</p>
      <p>
        <Link href="/dashboard">{t.dashboard}</Link>
      </p>
    </>
  );
}
