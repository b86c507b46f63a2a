"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { FieldError } from "@/app/_components/field";
import { useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import type { RawAnswers } from "@/lib/quizzes/question-data";
import { saveDraftAction, submitAnswersAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

export interface FormQuestion {
  id: string;
  kind: "SINGLE" | "MULTIPLE" | "NUMERIC";
  /** Rendered on the server (Markdown and math). */
  prompt: ReactNode;
  choices: { id: string; label: ReactNode }[];
  pointsLabel: string;
}

export interface AttemptFormLabels {
  question: string[];
  pickOne: string;
  pickAll: string;
  typeNumber: string;
  numberLabel: string;
  submit: string;
  submitting: string;
  submitFailed: string;
  timeLeft: string;
  timeUp: string;
  saving: string;
  saved: string;
  saveFailed: string;
}

interface AttemptFormProps {
  attemptId: string;
  questions: FormQuestion[];
  /** The answers saved on the server so far, to fill the form with. */
  draft: RawAnswers;
  /** For a timed attempt: the server's deadline and the server's clock when the page was made. */
  timing: { deadlineAt: string; serverNow: string } | null;
  labels: AttemptFormLabels;
}

function formatClock(milliseconds: number): string {
  const seconds = Math.max(0, Math.ceil(milliseconds / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}

/** Waited after the last change before the answers are saved, so typing a number is one save, not one a key. */
const SAVE_DELAY_MS = 800;

type SaveState = "idle" | "saving" | "saved" | "failed";

function savedText(draft: RawAnswers, questionId: string): string {
  const value = draft[questionId];
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

function isSavedChoice(draft: RawAnswers, questionId: string, choiceId: string): boolean {
  const value = draft[questionId];
  return Array.isArray(value) ? value.includes(choiceId) : value === choiceId;
}

/**
 * The questions of an open attempt. The page holds no correct answers: grading happens on the
 * server when this form is submitted, and then the page reloads to show the result. The answers
 * are saved on the server a moment after each change, so a reload or another device finds them.
 */
export function AttemptForm({ attemptId, questions, draft, timing, labels }: AttemptFormProps) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const { fieldErrors, message, isPending, save } = useSave(labels.submitFailed);
  const [remaining, setRemaining] = useState<number | null>(null);
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const hasAutoSubmitted = useRef(false);

  const readAnswers = useCallback((): Record<string, string | string[]> | null => {
    const form = formRef.current;
    if (!form) return null;
    const data = new FormData(form);
    const answers: Record<string, string | string[]> = {};
    for (const question of questions) {
      const values = data.getAll(question.id).map(String);
      if (question.kind === "MULTIPLE") answers[question.id] = values;
      else if (values[0] !== undefined) answers[question.id] = values[0];
    }
    return answers;
  }, [questions]);

  const cancelPendingSave = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
  }, []);
  useEffect(() => cancelPendingSave, [cancelPendingSave]);

  function scheduleSave() {
    cancelPendingSave();
    saveTimer.current = setTimeout(() => {
      saveTimer.current = null;
      const answers = readAnswers();
      if (!answers) return;
      setSaveState("saving");
      saveDraftAction(attemptId, answers).then(
        (result) => setSaveState(result.isOk ? "saved" : "failed"),
        () => setSaveState("failed"),
      );
    }, SAVE_DELAY_MS);
  }

  const submit = useCallback(
    async (isTimeUp: boolean) => {
      // The submission carries every answer; a save still waiting would only race it.
      cancelPendingSave();
      const answers = readAnswers();
      if (!answers) return;
      await save(
        () => submitAnswersAction(attemptId, answers, isTimeUp),
        () => router.refresh(),
      );
    },
    [attemptId, cancelPendingSave, readAnswers, save, router],
  );

  // The clock shown is the server's: the offset between the two clocks is measured once, so a
  // wrong clock on the learner's machine neither shortens nor lengthens the exam on screen.
  useEffect(() => {
    if (!timing) return;
    const offset = new Date(timing.serverNow).getTime() - Date.now();
    const deadline = new Date(timing.deadlineAt).getTime();
    const tick = () => {
      const left = deadline - (Date.now() + offset);
      setRemaining(left);
      if (left <= 0 && !hasAutoSubmitted.current) {
        hasAutoSubmitted.current = true;
        void submit(true);
      }
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [timing, submit]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(remaining !== null && remaining <= 0);
  }

  const isTimeUp = remaining !== null && remaining <= 0;
  return (
    <form ref={formRef} onSubmit={onSubmit} onChange={scheduleSave} noValidate>
      {timing && remaining !== null && (
        <div className={`timer ${remaining < 60_000 ? "urgent" : ""}`} role="timer" aria-live="off">
          <span>{labels.timeLeft}</span>
          <strong data-testid="time-left">{formatClock(remaining)}</strong>
          {isTimeUp && <span role="status">{labels.timeUp}</span>}
        </div>
      )}
      {message?.isError && (
        <p className="form-error" role="alert" style={{ marginBottom: "1rem" }}>
          {message.text}
        </p>
      )}
      {fieldErrors.form && (
        <p className="form-error" role="alert" style={{ marginBottom: "1rem" }}>
          {fieldErrors.form.join(" ")}
        </p>
      )}
      {questions.map((question, index) => {
        const errors = fieldErrors[question.id];
        const errorId = `${question.id}-error`;
        const hintId = `${question.id}-hint`;
        const hasErrors = Boolean(errors && errors.length > 0);
        const describedBy = [hintId, hasErrors ? errorId : null].filter(Boolean).join(" ");
        const hint =
          question.kind === "SINGLE"
            ? labels.pickOne
            : question.kind === "MULTIPLE"
              ? labels.pickAll
              : labels.typeNumber;
        return (
          <fieldset
            key={question.id}
            className="question"
            aria-invalid={hasErrors}
            aria-describedby={describedBy}
            data-testid="question"
          >
            <legend>
              {labels.question[index]} · <span className="muted">{question.pointsLabel}</span>
            </legend>
            <div className="prompt">{question.prompt}</div>
            <p id={hintId} className="muted" style={{ margin: "0 0 0.4rem", fontSize: "0.9rem" }}>
              {hint}
            </p>
            {question.kind === "NUMERIC" ? (
              <label className="field">
                <span className="muted">{labels.numberLabel}</span>
                <input
                  type="text"
                  inputMode="decimal"
                  name={question.id}
                  autoComplete="off"
                  defaultValue={savedText(draft, question.id)}
                  aria-invalid={hasErrors}
                  aria-describedby={describedBy}
                />
              </label>
            ) : (
              <div className="choices">
                {question.choices.map((choice) => (
                  <label key={choice.id} className="choice">
                    <input
                      type={question.kind === "SINGLE" ? "radio" : "checkbox"}
                      name={question.id}
                      value={choice.id}
                      defaultChecked={isSavedChoice(draft, question.id, choice.id)}
                    />
                    <span>{choice.label}</span>
                  </label>
                ))}
              </div>
            )}
            <FieldError id={errorId} errors={errors} />
          </fieldset>
        );
      })}
      <p className="muted" role="status" data-testid="save-state" style={{ fontSize: "0.9rem" }}>
        {saveState === "saving"
          ? labels.saving
          : saveState === "saved"
            ? labels.saved
            : saveState === "failed"
              ? labels.saveFailed
              : null}
      </p>
      <SubmitButton isPending={isPending} pendingLabel={labels.submitting}>
        {labels.submit}
      </SubmitButton>
    </form>
  );
}
