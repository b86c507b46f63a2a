import type { ReactNode, TextareaHTMLAttributes } from "react";

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  id: string;
  /** May hold code (a file name), so it is a node. */
  label: ReactNode;
  errors?: string[];
  hint?: ReactNode;
}

/** A labelled textarea that shows its own errors, one per line, linked for screen readers (like Field). */
export function TextAreaField({ id, label, errors = [], hint, ...textarea }: TextAreaFieldProps) {
  const hasErrors = errors.length > 0;
  const describedBy =
    [hint ? `${id}-hint` : null, hasErrors ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {/* The text is a course file's source, exactly as it is saved: nothing may translate it. */}
      <textarea
        id={id}
        aria-invalid={hasErrors}
        aria-describedby={describedBy}
        spellCheck={false}
        translate="no"
        {...textarea}
      />
      {hint && (
        <p id={`${id}-hint`} className="muted" style={{ margin: 0, fontSize: "0.9rem" }}>
          {hint}
        </p>
      )}
      {hasErrors && (
        <div id={`${id}-error`} className="field-error" role="alert">
          {errors.map((error) => (
            <div key={error}>{error}</div>
          ))}
        </div>
      )}
    </div>
  );
}
