import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

/** A field's errors, in the paragraph its control names in aria-describedby. */
export function FieldError({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors || errors.length === 0) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {errors.join(" ")}
    </p>
  );
}

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
      {hint && (
        <p id={hintId} className="muted" style={{ margin: 0, fontSize: "0.9rem" }}>
          {hint}
        </p>
      )}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  errors?: string[];
  children: ReactNode;
}

/** A labelled select that shows its own errors and links them for screen readers. */
export function SelectField({ name, label, errors, children, ...select }: SelectFieldProps) {
  const errorId = `${name}-error`;
  const hasErrors = Boolean(errors && errors.length > 0);
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select
        id={name}
        name={name}
        aria-invalid={hasErrors}
        aria-describedby={hasErrors ? errorId : undefined}
        {...select}
      >
        {children}
      </select>
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}
