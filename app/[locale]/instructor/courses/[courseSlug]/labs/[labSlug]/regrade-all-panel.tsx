"use client";

import { useEffect, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import type { RegradeProgress } from "@/lib/instructor/get-regrade-progress";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { regradeAllAction, regradeProgressAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

const POLL_MS = 3_000;

interface RegradeAllPanelProps {
  courseSlug: string;
  assignmentSlug: string;
  initialProgress: RegradeProgress | null;
  locale: Locale;
}

/** "Regrade all" with its reason, and the latest batch's progress, re-read while it runs. */
export function RegradeAllPanel({ courseSlug, assignmentSlug, initialProgress, locale }: RegradeAllPanelProps) {
  const t = staffMessagesFor(locale).regradeAll;
  const router = useRouter();
  const [progress, setProgress] = useState(initialProgress);
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);
  const isRunning = progress !== null && !progress.isFinished;

  useEffect(() => {
    if (!isRunning) return;
    const timer = setInterval(() => {
      regradeProgressAction(courseSlug, assignmentSlug)
        .then((next) => {
          if (!next.isOk) return;
          setProgress(next.value);
          if (next.value?.isFinished) router.refresh();
        })
        // A missed poll is retried at the next tick.
        .catch(() => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [isRunning, courseSlug, assignmentSlug, router]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void save(
      () => regradeAllAction(courseSlug, assignmentSlug, { reason: form.get("reason") }),
      async () => {
        const next = await regradeProgressAction(courseSlug, assignmentSlug);
        if (next.isOk) setProgress(next.value);
        router.refresh();
      },
    );
  }

  return (
    <section className="card" aria-labelledby="regrade-all-heading" style={{ display: "grid", gap: "0.75rem" }}>
      <h2 id="regrade-all-heading" style={{ margin: 0 }}>
        {t.heading}
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        {t.intro}
      </p>
      {progress && (
        <div role="status" aria-live="polite" data-testid="regrade-progress">
          <progress max={progress.total} value={progress.done} style={{ width: "100%" }} aria-label={t.progress} />
          <p style={{ margin: 0 }}>
            {t.progressLine(
              progress.done,
              progress.total,
              progress.isFinished,
              progress.passed,
              progress.failed,
              progress.errored,
            )}{" "}
            {t.startedBy(progress.requestedAt.toISOString().slice(0, 16).replace("T", " "), progress.requestedBy)}
          </p>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate className="form" style={{ maxWidth: "40rem" }}>
        <FormMessage message={message} />
        <Field name="reason" label={t.reason} errors={fieldErrors.reason} hint={t.reasonHint} />
        <div>
          <SubmitButton isPending={isPending} pendingLabel={t.queueing} isDisabled={isRunning}>
            {isRunning ? t.running : t.start}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
