"use client";

import { useSave } from "@/app/_components/use-save";
import { revokeExtensionAction } from "../actions";
import { useRouter } from "@/lib/i18n/navigation";

export function RevokeButton({
  courseSlug,
  assignmentSlug,
  learnerId,
  learnerName,
}: {
  courseSlug: string;
  assignmentSlug: string;
  learnerId: string;
  learnerName: string;
}) {
  const router = useRouter();
  const { message, isPending, save } = useSave("Not revoked: the server could not be reached.");

  function revoke() {
    void save(
      async () => {
        const result = await revokeExtensionAction(courseSlug, assignmentSlug, learnerId);
        // A refusal refreshes the list too: most often another instructor revoked it a moment ago.
        router.refresh();
        return result;
      },
      () => undefined,
    );
  }

  return (
    <>
      <button
        type="button"
        className="link-button"
        onClick={revoke}
        disabled={isPending}
        aria-label={`Revoke ${learnerName}'s extension`}
      >
        {isPending ? "Revoking…" : "Revoke"}
      </button>
      {message?.isError && (
        <span className="field-error" role="alert">
          {" "}
          {message.text}
        </span>
      )}
    </>
  );
}
