"use client";

import { useSave } from "@/app/_components/use-save";
import type { Locale } from "@/lib/courses/content-schema";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { revokeExtensionAction } from "../actions";
import { useRouter } from "@/lib/i18n/navigation";

export function RevokeButton({
  courseSlug,
  assignmentSlug,
  learnerId,
  learnerName,
  locale,
}: {
  courseSlug: string;
  assignmentSlug: string;
  learnerId: string;
  learnerName: string;
  locale: Locale;
}) {
  const t = staffMessagesFor(locale).extensions;
  const router = useRouter();
  const { message, isPending, save } = useSave(t.revokeUnreachable);

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
        aria-label={t.revokeLabel(learnerName)}
      >
        {isPending ? t.revoking : t.revoke}
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
