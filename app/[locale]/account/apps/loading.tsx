import { getLocale } from "@/lib/i18n/locale";
import { obApiMessagesFor } from "@/lib/i18n/ob-api-messages";

export default async function ConnectedAppsLoading() {
  const t = obApiMessagesFor(await getLocale()).apps;
  return (
    <p className="muted" aria-busy="true">
      {t.loading}
    </p>
  );
}
