"use client";

import { useSave } from "@/app/_components/use-save";
import type { Locale } from "@/lib/courses/content-schema";
import { obApiMessagesFor } from "@/lib/i18n/ob-api-messages";
import { disconnectAppAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

export function DisconnectAppButton({
  clientRowId,
  name,
  locale,
}: {
  clientRowId: string;
  name: string;
  locale: Locale;
}) {
  const t = obApiMessagesFor(locale).apps;
  const router = useRouter();
  const { message, isPending, save } = useSave(t.unreachable);

  function disconnect() {
    void save(
      () => disconnectAppAction(clientRowId),
      () => router.refresh(),
    );
  }

  return (
    <>
      <button
        type="button"
        className="link-button"
        onClick={disconnect}
        disabled={isPending}
        aria-label={t.disconnectLabel(name)}
      >
        {isPending ? t.disconnecting : t.disconnect}
      </button>
      {message?.isError && (
        <p className="field-error" role="alert">
          {message.text}
        </p>
      )}
    </>
  );
}
