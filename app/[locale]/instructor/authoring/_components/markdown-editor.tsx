"use client";

import { useEffect, useState } from "react";
import { previewMarkdownAction } from "../actions";
import type { AuthoringMessages } from "@/lib/i18n/authoring-messages";
import { TextAreaField } from "./text-area-field";

const PREVIEW_DELAY_MS = 400;

interface MarkdownEditorProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  /** The lesson's URL, so relative figures preview as learners will see them. */
  assetBase?: string;
  rows?: number;
  /** The language the Markdown is written in, so its text and preview are read in that language. */
  lang: string;
  words: AuthoringMessages["preview"];
}

/** Markdown in a textarea beside its rendering, refreshed a moment after typing stops. */
export function MarkdownEditor({
  id,
  label,
  value,
  onChange,
  errors,
  assetBase,
  rows = 16,
  lang,
  words,
}: MarkdownEditorProps) {
  const [html, setHtml] = useState<string | null>(null);
  const [isStale, setIsStale] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- new text makes the preview stale
    setIsStale(true);
    const timer = setTimeout(() => {
      previewMarkdownAction(value, assetBase)
        .then((rendered) => {
          if (isCurrent) setHtml(rendered.isOk ? rendered.value : null);
        })
        .catch(() => {
          if (isCurrent) setHtml(null);
        })
        .finally(() => {
          if (isCurrent) setIsStale(false);
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [value, assetBase]);

  return (
    <div className="authoring-split">
      <TextAreaField
        id={id}
        label={label}
        value={value}
        rows={rows}
        onChange={(event) => onChange(event.target.value)}
        errors={errors}
        style={{ fontFamily: "monospace" }}
        lang={lang}
      />
      <section
        aria-label={words.markdownLabel(label)}
        aria-busy={isStale}
        className="card authoring-preview"
        // It scrolls on a narrow screen, so the keyboard must be able to reach it.
        tabIndex={0}
        data-testid={`${id}-preview`}
      >
        {html === null ? (
          <p className="muted">{words.markdownEmpty}</p>
        ) : (
          // The author's words as learners will read them: content, not the page's own text.
          <div className="markdown" lang={lang} translate="no" dangerouslySetInnerHTML={{ __html: html }} />
        )}
      </section>
    </div>
  );
}
