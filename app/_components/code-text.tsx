import { Fragment } from "react";

/**
 * A message whose `backticked` parts are file names or YAML keys: those show as code, so they read as
 * what the author types (and are left untranslated) in either language.
 */
export function CodeText({ text }: { text: string }) {
  return text
    .split("`")
    .map((part, index) =>
      index % 2 === 1 ? <code key={index}>{part}</code> : <Fragment key={index}>{part}</Fragment>,
    );
}
