"use client";

import { Field } from "@/app/_components/field";
import type { FieldErrors } from "@/lib/errors";
import type { AuthoringMessages } from "@/lib/i18n/authoring-messages";
import { errorsFor } from "./form-errors";

export interface Localized {
  en: string;
  "zh-CN": string;
}

interface LocalizedFieldsProps {
  /** The field's key in the input, e.g. "title"; error keys are "<field>.en" and "<field>.zh-CN". */
  field: string;
  label: string;
  value: Localized;
  onChange: (value: Localized) => void;
  fieldErrors: FieldErrors;
  words: AuthoringMessages["fields"];
}

/** One text in both languages, side by side, each box with its own errors. */
export function LocalizedFields({ field, label, value, onChange, fieldErrors, words }: LocalizedFieldsProps) {
  return (
    <div className="authoring-pair">
      <Field
        name={`${field}-en`}
        label={words.english(label)}
        lang="en"
        value={value.en}
        onChange={(event) => onChange({ ...value, en: event.target.value })}
        errors={errorsFor(fieldErrors, `${field}.en`)}
      />
      <Field
        name={`${field}-zh-CN`}
        label={words.chinese(label)}
        lang="zh-CN"
        value={value["zh-CN"]}
        onChange={(event) => onChange({ ...value, "zh-CN": event.target.value })}
        errors={errorsFor(fieldErrors, `${field}.zh-CN`)}
      />
    </div>
  );
}
