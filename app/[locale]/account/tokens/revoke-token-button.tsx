"use client";

import { useSave } from "@/app/_components/use-save";
import { revokeTokenAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  const { message, isPending, save } = useSave("Not revoked: the server could not be reached. Try again.");

  function revoke() {
    void save(
      () => revokeTokenAction(tokenId),
      () => router.refresh(),
    );
  }

  return (
    <>
      <button type="button" className="link-button" onClick={revoke} disabled={isPending} aria-label={`Revoke ${name}`}>
        {isPending ? "Revoking…" : "Revoke"}
      </button>
      {message?.isError && (
        <p className="field-error" role="alert">
          {message.text}
        </p>
      )}
    </>
  );
}
