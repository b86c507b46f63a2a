"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeTokenAction } from "./actions";

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function revoke() {
    setIsPending(true);
    setError(null);
    try {
      const result = await revokeTokenAction(tokenId);
      if (result.isOk) router.refresh();
      else setError(result.message);
    } catch {
      setError("Not revoked: the server could not be reached. Try again.");
    } finally {
      setIsPending(false);
    }
  }

  return (
    <>
      <button type="button" className="link-button" onClick={revoke} disabled={isPending} aria-label={`Revoke ${name}`}>
        {isPending ? "Revoking…" : "Revoke"}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
