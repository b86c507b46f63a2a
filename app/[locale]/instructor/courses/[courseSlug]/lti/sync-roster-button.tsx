"use client";

import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { ltiInstructorMessagesFor } from "@/lib/i18n/lti-instructor-messages";
import { useRouter } from "@/lib/i18n/navigation";
import { syncRosterAction } from "./actions";

/** "Sync roster" for one LMS course: disabled while the platform is read, then the outcome is announced. */
export function SyncRosterButton({
  courseSlug,
  ltiContextId,
  label,
  locale,
}: {
  courseSlug: string;
  ltiContextId: string;
  /** Names the LMS course for assistive technology when a page lists several. */
  label: string;
  locale: Locale;
}) {
  const t = ltiInstructorMessagesFor(locale);
  const router = useRouter();
  const { message, isPending, save } = useSave(t.unreachable);
  return (
    <form
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        void save(
          () => syncRosterAction(courseSlug, ltiContextId),
          (saved) => {
            router.refresh();
            return t.synced(saved.value.memberCount, saved.value.removedCount);
          },
        );
      }}
      style={{ display: "grid", gap: "0.5rem", justifyItems: "start" }}
    >
      <FormMessage message={message} />
      <SubmitButton isPending={isPending} pendingLabel={t.syncing} className="button secondary">
        {t.syncRoster}
      </SubmitButton>
    </form>
  );
}
