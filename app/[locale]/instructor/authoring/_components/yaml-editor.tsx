"use client";

import { TextAreaField } from "./text-area-field";
import { YamlCheck, type YamlKind } from "./yaml-check";

interface YamlEditorProps {
  id: string;
  label: string;
  kind: YamlKind;
  value: string;
  onChange: (value: string) => void;
  /** The server's verdict on the last save, "path: message" per line. */
  errors: string[];
  hint?: string;
  rows?: number;
}

/** A content file typed as YAML, checked against its schema as it is typed and again on save. */
export function YamlEditor({ id, label, kind, value, onChange, errors, hint, rows = 24 }: YamlEditorProps) {
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
      <YamlCheck id={`${id}-check`} kind={kind} source={value} />
    </div>
  );
}
