import { getLocale } from "@/lib/i18n/locale";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";

export default async function NotificationsLoading() {
  return <p role="status">{reviewMessagesFor(await getLocale()).notifications.loading}</p>;
}
