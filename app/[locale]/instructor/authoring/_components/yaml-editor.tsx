"use client";

import type { ReactNode } from "react";
import type { Locale } from "@/lib/courses/content-schema";
import { TextAreaField } from "./text-area-field";
import { YamlCheck, type YamlCheckWords, type YamlKind } from "./yaml-check";

interface YamlEditorProps {
  id: string;
  label: ReactNode;
  kind: YamlKind;
  value: string;
  onChange: (value: string) => void;
  /** The server's verdict on the last save, "path: message" per line. */
  errors: string[];
  hint?: ReactNode;
  rows?: number;
  /** The live check's words, in the page's language. */
  checkWords: YamlCheckWords;
  locale: Locale;
}

/** A content file typed as YAML, checked against its schema as it is typed and again on save. */
export function YamlEditor({
  id,
  label,
  kind,
  value,
  onChange,
  errors,
  hint,
  rows = 24,
  checkWords,
  locale,
}: YamlEditorProps) {
  return (
    <div>
      <TextAreaField
        id={id}
        label={label}
        hint={hint}
        value={value}
        rows={rows}
        onChange={(event) => onChange(event.target.value)}
        errors={errors}
        style={{ fontFamily: "monospace" }}
      />
      <YamlCheck id={`${id}-check`} kind={kind} source={value} locale={locale} words={checkWords} />
    </div>
  );
}
