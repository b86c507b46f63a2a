"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { startQuizAction, type StartQuizState } from "./actions";

interface StartQuizButtonProps {
  courseSlug: string;
  quizSlug: string;
  label: string;
  pendingLabel: string;
}

/** A form, not a click handler, so starting works before the page's JavaScript has loaded. */
export function StartQuizButton({ courseSlug, quizSlug, label, pendingLabel }: StartQuizButtonProps) {
  const [state, action, isPending] = useActionState<StartQuizState, FormData>(startQuizAction, { message: null });
  return (
    <form action={action} className="quiz-panel">
      <input type="hidden" name="courseSlug" value={courseSlug} />
      <input type="hidden" name="quizSlug" value={quizSlug} />
      {state.message && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      <div>
        <SubmitButton isPending={isPending} pendingLabel={pendingLabel}>
          {label}
        </SubmitButton>
      </div>
    </form>
  );
}
