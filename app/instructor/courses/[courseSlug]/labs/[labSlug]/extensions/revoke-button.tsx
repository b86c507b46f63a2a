"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeExtensionAction } from "../actions";

export function RevokeButton({ courseSlug, assignmentSlug, learnerId, learnerName }: { courseSlug: string; assignmentSlug: string; learnerId: string; learnerName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function revoke() {
    setIsPending(true);
    setError(null);
    try {
      const result = await revokeExtensionAction(courseSlug, assignmentSlug, learnerId);
      if (!result.isOk) setError(result.message);
      router.refresh();
    } catch {
      setError("Not revoked: the server could not be reached.");
    } finally {
      setIsPending(false);
    }
  }

  return (
    <>
      <button type="button" className="link-button" onClick={revoke} disabled={isPending} aria-label={`Revoke ${learnerName}'s extension`}>
        {isPending ? "Revoking…" : "Revoke"}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {" "}
          {error}
        </span>
      )}
    </>
  );
}
