"use client";

import { useEffect, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import type { RegradeProgress } from "@/lib/instructor/get-regrade-progress";
import { SubmitButton } from "@/app/_components/submit-button";
import { regradeAllAction, regradeProgressAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

const POLL_MS = 3_000;

interface RegradeAllPanelProps {
  courseSlug: string;
  assignmentSlug: string;
  initialProgress: RegradeProgress | null;
}

/** "Regrade all" with its reason, and the latest batch's progress, re-read while it runs. */
export function RegradeAllPanel({ courseSlug, assignmentSlug, initialProgress }: RegradeAllPanelProps) {
  const router = useRouter();
  const [progress, setProgress] = useState(initialProgress);
  const { fieldErrors, message, isPending, save } = useSave(
    "The regrade could not be started: the server could not be reached. Try again in a moment.",
  );
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
        Regrade all
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        Grades every finished submission of this lab again with the current grader. Regrades wait behind learners&apos;
        new submissions and never cost an attempt; each submission&apos;s previous result stays in the audit log.
      </p>
      {progress && (
        <div role="status" aria-live="polite" data-testid="regrade-progress">
          <progress
            max={progress.total}
            value={progress.done}
            style={{ width: "100%" }}
            aria-label="Regrade progress"
          />
          <p style={{ margin: 0 }}>
            {progress.done} of {progress.total} regraded{progress.isFinished ? " — finished" : ""} ({progress.passed}{" "}
            passed, {progress.failed} failed, {progress.errored} errors). Started{" "}
            {progress.requestedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
            {progress.requestedBy ? ` by ${progress.requestedBy}` : ""}.
          </p>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate className="form" style={{ maxWidth: "40rem" }}>
        <FormMessage message={message} />
        <Field name="reason" label="Why regrade?" errors={fieldErrors.reason} hint="Kept in the course's audit log." />
        <div>
          <SubmitButton isPending={isPending} pendingLabel="Queueing…" isDisabled={isRunning}>
            {isRunning ? "A regrade is running" : "Regrade all submissions"}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
