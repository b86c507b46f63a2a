"use client";

import { useEffect, useState, type FormEvent, type KeyboardEvent } from "react";
import { FieldError } from "@/app/_components/field";
import { useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import { submitLabAction } from "./actions";
import { CheckCodeButton, PracticeResults, usePracticeCheck, type PracticeSetup } from "./practice-check";
import { useRouter } from "@/lib/i18n/navigation";

interface SubmitFormProps {
  courseSlug: string;
  assignmentSlug: string;
  starterCode: string;
  maxCodeBytes: number;
  disabledReason: string | null;
  practice: PracticeSetup;
  /** Why "Check my code" cannot be used (not enrolled); the deadline and the attempt limit do not apply to practice. */
  practiceDisabledReason: string | null;
}

/**
 * The lab's code editor and upload. What was typed survives every error: nothing is reset until a submission is
 * accepted.
 */
export function SubmitForm({
  courseSlug,
  assignmentSlug,
  starterCode,
  maxCodeBytes,
  disabledReason,
  practice: practiceSetup,
  practiceDisabledReason,
}: SubmitFormProps) {
  const router = useRouter();
  const practice = usePracticeCheck(courseSlug, assignmentSlug, practiceSetup);
  const draftKey = `gradient-draft:${courseSlug}/${assignmentSlug}`;
  const [code, setCode] = useState(starterCode);
  const [isHydrated, setIsHydrated] = useState(false);
  // A draft from an earlier visit is restored after hydration, so server and client first render alike.
  useEffect(() => {
    const draft = window.localStorage.getItem(draftKey);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage is readable only after hydration
    if (draft !== null) setCode(draft);
    setIsHydrated(true);
  }, [draftKey]);
  const [language, setLanguage] = useState<"javascript" | "typescript">("javascript");
  const { fieldErrors, message, isPending, save } = useSave(
    "Your submission could not be sent: the server could not be reached. " +
      "Your code is still here; try again in a moment.",
  );
  const bytes = new TextEncoder().encode(code).byteLength;

  function updateCode(next: string) {
    setCode(next);
    window.localStorage.setItem(draftKey, next);
  }

  // Tab indents instead of leaving the editor, as in any code editor.
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== "Tab" || event.shiftKey) return;
    event.preventDefault();
    const area = event.currentTarget;
    const { selectionStart, selectionEnd } = area;
    updateCode(`${code.slice(0, selectionStart)}  ${code.slice(selectionEnd)}`);
    requestAnimationFrame(() => area.setSelectionRange(selectionStart + 2, selectionStart + 2));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("code", code);
    form.set("language", language);
    void save(
      () => submitLabAction(courseSlug, assignmentSlug, form),
      ({ submissionId }) => router.push(`/submissions/${submissionId}`),
    );
  }

  // The same fields a submission sends (the editor's text, or an uploaded file), run as practice.
  function onCheck(formElement: HTMLFormElement | null) {
    if (!formElement) return;
    const form = new FormData(formElement);
    form.set("code", code);
    form.set("language", language);
    void practice.check(form);
  }

  const codeErrors = fieldErrors.code;
  const fileErrors = fieldErrors.file;
  return (
    <form
      className="card lab-form"
      onSubmit={onSubmit}
      noValidate
      aria-label="Submit your solution"
      data-hydrated={isHydrated}
    >
      {message?.isError && (
        <p className="form-error" role="alert" id="submit-error">
          {message.text}
        </p>
      )}
      <div className="field">
        <label htmlFor="code">Your model code</label>
        <textarea
          id="code"
          name="code"
          className="code-editor"
          spellCheck={false}
          rows={24}
          value={code}
          onChange={(event) => updateCode(event.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={Boolean(codeErrors)}
          aria-describedby={codeErrors ? "code-error" : "code-hint"}
        />
        <p id="code-hint" className="muted" style={{ margin: 0 }}>
          {bytes.toLocaleString("en")} of {maxCodeBytes.toLocaleString("en")} bytes. Drafts are kept in this browser.
        </p>
        <FieldError id="code-error" errors={codeErrors} />
      </div>
      <div className="field">
        <label htmlFor="language">Language</label>
        <select
          id="language"
          name="language"
          value={language}
          onChange={(event) => setLanguage(event.target.value === "typescript" ? "typescript" : "javascript")}
        >
          <option value="javascript">JavaScript</option>
          <option value="typescript">TypeScript</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="file">Or upload a file instead (.js, .mjs or .ts)</label>
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
        <SubmitButton isPending={isPending} pendingLabel="Submitting…" isDisabled={disabledReason !== null}>
          Submit for grading
        </SubmitButton>
        {practiceDisabledReason === null && (
          <CheckCodeButton practice={practice} onCheck={(event) => onCheck(event.currentTarget.form)} />
        )}
        <button type="button" className="button secondary" onClick={() => updateCode(starterCode)} disabled={isPending}>
          Reset to the starter code
        </button>
        {disabledReason && <span className="muted">{disabledReason}</span>}
      </div>
      {practiceDisabledReason === null ? (
        <PracticeResults practice={practice} />
      ) : (
        <p className="muted">{practiceDisabledReason}</p>
      )}
    </form>
  );
}
