"use client";

import type { Locale } from "@/lib/courses/content-schema";
import { ltiAdminMessagesFor } from "@/lib/i18n/lti-admin-messages";
import { Link, useRouter } from "@/lib/i18n/navigation";
import { useSave } from "@/app/_components/use-save";
import { removePlatformAction, setPlatformEnabledAction } from "./actions";

/** One platform's edit link, enable/disable toggle and removal (after a confirmation), with the answer beside them. */
export function PlatformRowActions({
  platformId,
  name,
  isEnabled,
  locale,
}: {
  platformId: string;
  name: string;
  isEnabled: boolean;
  locale: Locale;
}) {
  const t = ltiAdminMessagesFor(locale);
  const router = useRouter();
  const { message, isPending, save } = useSave(t.unreachable);
  const messageId = `platform-${platformId}-message`;

  function toggle() {
    void save(
      () => setPlatformEnabledAction({ platformId, isEnabled: !isEnabled }),
      ({ value }) => {
        router.refresh();
        return value.isEnabled ? t.platforms.enabledNow : t.platforms.disabledNow;
      },
    );
  }

  function remove() {
    if (!window.confirm(t.platforms.confirmRemove(name))) return;
    void save(
      () => removePlatformAction({ platformId }),
      () => {
        router.refresh();
        return t.platforms.removed;
      },
    );
  }

  return (
    <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap", alignItems: "center" }}>
      <Link href={`/admin/lti/platforms/${platformId}`} aria-label={t.platforms.editOf(name)}>
        {t.platforms.edit}
      </Link>
      <button
        type="button"
        className="button secondary"
        onClick={toggle}
        disabled={isPending}
        aria-label={isEnabled ? t.platforms.disableOf(name) : t.platforms.enableOf(name)}
        aria-describedby={message ? messageId : undefined}
      >
        {isEnabled ? t.platforms.disable : t.platforms.enable}
      </button>
      <button
        type="button"
        className="button secondary"
        onClick={remove}
        disabled={isPending}
        aria-label={t.platforms.removeOf(name)}
        aria-describedby={message ? messageId : undefined}
      >
        {t.platforms.remove}
      </button>
      {message && (
        <p
          id={messageId}
          className={message.isError ? "field-error" : "muted"}
          role={message.isError ? "alert" : "status"}
          style={{ flexBasis: "100%", margin: 0 }}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
