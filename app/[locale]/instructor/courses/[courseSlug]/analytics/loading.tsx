import { getLocale } from "@/lib/i18n/locale";
import { analyticsMessagesFor } from "@/lib/i18n/analytics-messages";

// Safe here, unlike on the course's other pages (see the layout): this page takes no parameter of its
// own that could be unknown, and the layout has already answered 403/404 for the course before it streams.
export default async function AnalyticsLoading() {
  return (
    <p className="muted" aria-busy="true">
      {analyticsMessagesFor(await getLocale()).loading}
    </p>
  );
}
