"use client";

import { FormMessage, useSave } from "@/app/_components/use-save";
import type { Locale } from "@/lib/courses/content-schema";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { useRouter } from "@/lib/i18n/navigation";
import { releaseLabReviewsAction } from "./actions";

/** Releases every draft grade of the lab at once. */
export function ReleaseAllButton({
  courseSlug,
  labSlug,
  locale,
}: {
  courseSlug: string;
  labSlug: string;
  locale: Locale;
}) {
  const t = reviewMessagesFor(locale).queue;
  const router = useRouter();
  const { message, isPending, save } = useSave();
  return (
    <div className="card">
      <p className="muted">{t.releaseAllHint}</p>
      <FormMessage message={message} />
      <button
        type="button"
        className="button"
        disabled={isPending}
        onClick={() =>
          void save(
            () => releaseLabReviewsAction(courseSlug, labSlug, { isConfirmed: true }),
            (result) => {
              router.refresh();
              return t.releasedCount(result.value.released);
            },
          )
        }
      >
        {isPending ? t.releasing : t.releaseAll}
      </button>
    </div>
  );
}
