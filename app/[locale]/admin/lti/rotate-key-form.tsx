"use client";

import type { FormEvent } from "react";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { ltiAdminMessagesFor } from "@/lib/i18n/lti-admin-messages";
import { useRouter } from "@/lib/i18n/navigation";
import { rotateToolKeyAction } from "./actions";

/** "Rotate the tool key", after a confirmation that says what happens to the platforms. */
export function RotateKeyForm({ locale }: { locale: Locale }) {
  const t = ltiAdminMessagesFor(locale);
  const router = useRouter();
  const { message, isPending, save } = useSave(t.unreachable);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!window.confirm(t.keys.confirm)) return;
    void save(
      () => rotateToolKeyAction({ isConfirmed: true }),
      ({ value }) => {
        router.refresh();
        return t.keys.rotated(value.kid);
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage message={message} />
      <SubmitButton isPending={isPending} pendingLabel={t.keys.rotating} className="button secondary">
        {t.keys.rotate}
      </SubmitButton>
    </form>
  );
}
