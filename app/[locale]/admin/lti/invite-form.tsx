"use client";

import { useState, type FormEvent } from "react";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { ltiAdminMessagesFor } from "@/lib/i18n/lti-admin-messages";
import { createInviteAction } from "./actions";
import { CopyField } from "./copy-field";

/** Makes a one-time dynamic registration link and shows it once, with where to paste it. */
export function InviteForm({ locale }: { locale: Locale }) {
  const t = ltiAdminMessagesFor(locale);
  const { message, isPending, save } = useSave(t.unreachable);
  const [invite, setInvite] = useState<{ url: string; expiresAt: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setInvite(null);
    void save(
      () => createInviteAction({ isConfirmed: true }),
      ({ value }) => setInvite(value),
    );
  }

  const expires = invite ? `${invite.expiresAt.slice(0, 16).replace("T", " ")} UTC` : "";
  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        <FormMessage message={message} />
        <SubmitButton isPending={isPending} pendingLabel={t.invite.creating}>
          {t.invite.create}
        </SubmitButton>
      </form>
      {invite && (
        <div className="card" role="status" data-testid="lti-registration-link">
          <p style={{ marginTop: 0 }}>
            <strong>{t.invite.shownOnce(expires)}</strong>
          </p>
          <CopyField
            id="lti-registration-link"
            label={t.invite.label}
            value={invite.url}
            copy={t.tool.copy}
            copied={t.tool.copied}
            copyLabel={t.tool.copyLabel(t.invite.label)}
          />
          <ul style={{ marginBottom: 0 }}>
            <li>{t.invite.canvasSteps}</li>
            <li>{t.invite.moodleSteps}</li>
          </ul>
        </div>
      )}
    </>
  );
}
