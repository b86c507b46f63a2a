import type { InputHTMLAttributes } from "react";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
}

/** A labelled input that shows its own errors and links them for screen readers. */
export function Field({ name, label, errors, hint, ...input }: FieldProps) {
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  const hasErrors = Boolean(errors && errors.length > 0);
  const describedBy = [hint ? hintId : null, hasErrors ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} aria-invalid={hasErrors} aria-describedby={describedBy} {...input} />
      {hint && <p id={hintId} className="muted" style={{ margin: 0, fontSize: "0.9rem" }}>{hint}</p>}
      {hasErrors && (
        <p id={errorId} className="field-error" role="alert">
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}
