"use client";

import { CodeText } from "@/app/_components/code-text";

import type { EditorView } from "@codemirror/view";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { FieldError } from "@/app/_components/field";
import { useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import type { LabDraftSnapshot } from "@/lib/drafts/lab-draft";
import { editorMessagesFor } from "@/lib/i18n/editor-messages";
import { submitLabAction } from "./actions";
import { CodeEditor, moveCursorTo, replaceText, type EditorLanguage, type EditorProblem } from "./code-editor";
import { deleteLabDraftAction } from "./draft-actions";
import { CheckCodeButton, PracticeResults, usePracticeCheck, type PracticeSetup } from "./practice-check";
import { useDraftAutosave } from "./use-draft-autosave";
import { useRouter } from "@/lib/i18n/navigation";

interface SubmitFormProps {
  locale: Locale;
  courseSlug: string;
  assignmentSlug: string;
  starterCode: string;
  /** The learner's stored draft, which wins over the starter code; null when there is none. */
  draft: LabDraftSnapshot | null;
  /** Whether drafts are stored for this reader (an enrolled learner). */
  canKeepDrafts: boolean;
  /** Where the learner's latest graded submission stopped, when the grader reported a place. */
  gradedProblem: EditorProblem | null;
  maxCodeBytes: number;
  disabledReason: string | null;
  practice: PracticeSetup;
  /** Why "Check my code" cannot be used (not enrolled); the deadline and the attempt limit do not apply to practice. */
  practiceDisabledReason: string | null;
}

/**
 * The lab's code editor and upload. What was typed survives every error and every reload: it is saved as a draft
 * while the learner types, and nothing is reset unless they ask.
 */
export function SubmitForm({
  locale,
  courseSlug,
  assignmentSlug,
  starterCode,
  draft,
  canKeepDrafts,
  gradedProblem,
  maxCodeBytes,
  disabledReason,
  practice: practiceSetup,
  practiceDisabledReason,
}: SubmitFormProps) {
  const t = editorMessagesFor(locale);
  const router = useRouter();
  const practice = usePracticeCheck(courseSlug, assignmentSlug, practiceSetup);
  const viewRef = useRef<EditorView | null>(null);
  const [isEditorReady, setIsEditorReady] = useState(false);
  const [code, setCode] = useState(draft?.code ?? starterCode);
  const [language, setLanguage] = useState<EditorLanguage>(draft?.language ?? "javascript");
  const autosave = useDraftAutosave({ courseSlug, assignmentSlug, draft, isEnabled: canKeepDrafts, maxCodeBytes });
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);
  const bytes = new TextEncoder().encode(code).byteLength;

  const shownRun = practice.shown;
  const problems = useMemo<EditorProblem[]>(() => {
    const found: EditorProblem[] = [];
    if (shownRun?.errorLine != null && shownRun.message)
      found.push({ line: shownRun.errorLine, column: shownRun.errorColumn ?? 1, message: shownRun.message });
    if (gradedProblem) found.push(gradedProblem);
    return found;
  }, [shownRun, gradedProblem]);

  function goTo(line: number, column: number) {
    if (viewRef.current) moveCursorTo(viewRef.current, line, column);
  }

  function onCodeChange(next: string, isTyping: boolean) {
    setCode(next);
    if (isTyping) autosave.schedule(next, language);
  }

  function onLanguageChange(next: EditorLanguage) {
    setLanguage(next);
    autosave.schedule(code, next);
  }

  async function resetToStarter() {
    if (!window.confirm(t.resetConfirm)) return;
    if (canKeepDrafts) {
      const result = await deleteLabDraftAction(courseSlug, assignmentSlug).catch(() => null);
      if (!result?.isOk) return autosave.fail(result ? result.reason : "unreachable");
      autosave.forget();
    }
    if (viewRef.current) replaceText(viewRef.current, starterCode);
    setCode(starterCode);
  }

  function formWithCode(formElement: HTMLFormElement): FormData {
    const form = new FormData(formElement);
    form.set("code", code);
    form.set("language", language);
    return form;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = formWithCode(event.currentTarget);
    void save(
      () => submitLabAction(courseSlug, assignmentSlug, form),
      ({ submissionId }) => router.push(`/submissions/${submissionId}`),
    );
  }

  // The same fields a submission sends (the editor's text, or an uploaded file), run as practice.
  function onCheck(formElement: HTMLFormElement | null) {
    if (formElement) void practice.check(formWithCode(formElement));
  }

  const codeErrors = fieldErrors.code;
  const fileErrors = fieldErrors.file;
  return (
    <form
      className="card lab-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={t.formName}
      data-hydrated={isEditorReady}
    >
      {message?.isError && (
        <p className="form-error" role="alert" id="submit-error">
          {message.text}
        </p>
      )}
      <div className="field">
        <span className="label" id="code-label">
          {t.label}
        </span>
        <CodeEditor
          initialCode={code}
          language={language}
          labelId="code-label"
          describedBy={codeErrors ? "code-error code-keys" : "code-hint code-keys"}
          isInvalid={Boolean(codeErrors)}
          problems={problems}
          onChange={onCodeChange}
          viewRef={viewRef}
          onReady={() => setIsEditorReady(true)}
        />
        {/* What the form posts: kept in step with the editor, so the form works as a plain form would. */}
        <textarea name="code" value={code} readOnly hidden />
        <p id="code-keys" className="muted" style={{ margin: 0 }}>
          {t.keyboardHint}
        </p>
        <p className="muted draft-line" style={{ margin: 0 }}>
          <span id="code-hint">{t.bytes(bytes, maxCodeBytes)}</span>{" "}
          <span role="status" data-testid="draft-status">
            {canKeepDrafts ? autosave.statusText(t) : t.draftLocalOnly}
          </span>
        </p>
        <FieldError id="code-error" errors={codeErrors} />
        {gradedProblem && (
          <p className="muted" data-testid="graded-problem">
            {t.gradedProblem}{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => goTo(gradedProblem.line, gradedProblem.column)}
              aria-label={t.goTo(gradedProblem.line, gradedProblem.column)}
            >
              {t.problemAt(gradedProblem.line, gradedProblem.column)}
            </button>
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="language">{t.language}</label>
        <select
          id="language"
          name="language"
          value={language}
          onChange={(event) => onLanguageChange(event.target.value === "typescript" ? "typescript" : "javascript")}
        >
          <option value="javascript">JavaScript</option>
          <option value="typescript">TypeScript</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="file">
          <CodeText text={t.upload} />
        </label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".js,.mjs,.ts"
          aria-invalid={Boolean(fileErrors)}
          aria-describedby={fileErrors ? "file-error" : undefined}
        />
        <FieldError id="file-error" errors={fileErrors} />
      </div>
      <div style={{ display: "flex", gap: "0.75rem", alignItems: "center", flexWrap: "wrap" }}>
        <SubmitButton isPending={isPending} pendingLabel={t.submitting} isDisabled={disabledReason !== null}>
          {t.submit}
        </SubmitButton>
        {practiceDisabledReason === null && (
          <CheckCodeButton practice={practice} onCheck={(event) => onCheck(event.currentTarget.form)} />
        )}
        <button type="button" className="button secondary" onClick={() => void resetToStarter()} disabled={isPending}>
          {t.reset}
        </button>
        {disabledReason && <span className="muted">{disabledReason}</span>}
      </div>
      {practiceDisabledReason === null ? (
        <PracticeResults practice={practice} onGoTo={goTo} />
      ) : (
        <p className="muted">{practiceDisabledReason}</p>
      )}
    </form>
  );
}
