"use client";

import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { ltiInstructorMessagesFor } from "@/lib/i18n/lti-instructor-messages";
import { useRouter } from "@/lib/i18n/navigation";
import { resendAllFailedAction, resendScoreAction } from "./actions";

/**
 * "Send again" for one failed score post (`scorePostId`), or for every failed post of the course
 * (without it). The post is queued, not sent here: the page shows it as waiting until the LMS answers.
 */
export function ResendButton({
  courseSlug,
  scorePostId,
  label,
  children,
  locale,
}: {
  courseSlug: string;
  scorePostId?: string;
  /** The button's full name for assistive technology (which learner and placement). */
  label: string;
  children: string;
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
        if (scorePostId)
          void save(
            () => resendScoreAction(courseSlug, scorePostId),
            () => {
              router.refresh();
              return t.queued;
            },
          );
        else
          void save(
            () => resendAllFailedAction(courseSlug),
            (saved) => {
              router.refresh();
              return t.queuedAll(saved.value);
            },
          );
      }}
      style={{ display: "grid", gap: "0.25rem", justifyItems: "start" }}
    >
      <FormMessage message={message} />
      <SubmitButton isPending={isPending} pendingLabel={t.sending} className="button secondary">
        {children}
      </SubmitButton>
    </form>
  );
}
