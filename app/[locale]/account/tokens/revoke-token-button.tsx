"use client";

import { useSave } from "@/app/_components/use-save";
import type { Locale } from "@/lib/courses/content-schema";
import { accountMessagesFor } from "@/lib/i18n/account-messages";
import { revokeTokenAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

export function RevokeTokenButton({ tokenId, name, locale }: { tokenId: string; name: string; locale: Locale }) {
  const t = accountMessagesFor(locale).tokens;
  const router = useRouter();
  const { message, isPending, save } = useSave(t.revokeUnreachable);

  function revoke() {
    void save(
      () => revokeTokenAction(tokenId),
      () => router.refresh(),
    );
  }

  return (
    <>
      <button
        type="button"
        className="link-button"
        onClick={revoke}
        disabled={isPending}
        aria-label={t.revokeLabel(name)}
      >
        {isPending ? t.revoking : t.revoke}
      </button>
      {message?.isError && (
        <p className="field-error" role="alert">
          {message.text}
        </p>
      )}
    </>
  );
}
