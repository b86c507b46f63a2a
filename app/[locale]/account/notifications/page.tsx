import type { Metadata } from "next";
import { requirePageUser } from "@/app/_lib/page-guards";
import { getLocale } from "@/lib/i18n/locale";
import { Link } from "@/lib/i18n/navigation";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { openNotifications } from "@/lib/review/open-notifications";
import { formatDateTime } from "../../instructor/_lib/page-errors";

export async function generateMetadata(): Promise<Metadata> {
  return { title: reviewMessagesFor(await getLocale()).notifications.title };
}

/** Opening the list reads it: every notification shown is marked read (the "New" marks show what was unread). */
export default async function NotificationsPage() {
  const viewer = await requirePageUser("/account/notifications");
  const locale = await getLocale();
  const t = reviewMessagesFor(locale).notifications;
  const notifications = await openNotifications({ viewer });
  return (
    <>
      <h1>{t.heading}</h1>
      {notifications.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <ul style={{ listStyle: "none", padding: 0, display: "grid", gap: "0.5rem" }} aria-label={t.heading}>
          {notifications.map((notice) => {
            const lab = notice.params.lab[locale] ?? notice.params.lab.en ?? "";
            const words =
              notice.kind in t.text ? t.text[notice.kind as keyof typeof t.text](lab, notice.params.learner) : t.other;
            return (
              <li key={notice.id} className="card" data-testid="notification">
                {notice.isUnread && <span className="badge">{t.unread}</span>} {words}{" "}
                <span className="muted">{formatDateTime(notice.createdAt)}</span> ·{" "}
                <Link href={notice.href}>{t.open}</Link>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
