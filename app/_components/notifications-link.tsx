import type { Locale } from "@/lib/courses/content-schema";
import { Link } from "@/lib/i18n/navigation";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";

/** The header's link to the reader's notifications, with a badge counting the unread ones. */
export function NotificationsLink({ count, locale }: { count: number; locale: Locale }) {
  const t = reviewMessagesFor(locale).notifications;
  return (
    <Link
      href="/account/notifications"
      aria-label={count > 0 ? t.linkUnread(count) : t.link}
      data-testid="notifications-link"
    >
      {t.link}
      {count > 0 && (
        <span className="badge" aria-hidden="true" data-testid="notifications-badge" style={{ marginLeft: "0.25rem" }}>
          {count}
        </span>
      )}
    </Link>
  );
}
