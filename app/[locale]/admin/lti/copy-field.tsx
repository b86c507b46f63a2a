"use client";

import { useState } from "react";

interface CopyFieldProps {
  id: string;
  label: string;
  value: string;
  copy: string;
  copied: string;
  /** The button's accessible name, naming what it copies: several copy buttons share one page. */
  copyLabel: string;
}

/** A read-only value to paste elsewhere, selectable by hand, with a button that copies it. */
export function CopyField({ id, label, value, copy, copied, copyLabel }: CopyFieldProps) {
  const [isCopied, setIsCopied] = useState(false);

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(value);
      setIsCopied(true);
    } catch {
      // Clipboard access can be refused (an insecure origin, a denied permission); the field stays selectable.
      setIsCopied(false);
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
        <input
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          style={{ flex: "1 1 16rem", minWidth: 0, fontFamily: "ui-monospace, monospace" }}
        />
        <button type="button" className="button secondary" onClick={() => void onCopy()} aria-label={copyLabel}>
          {isCopied ? copied : copy}
        </button>
      </div>
      <span className="visually-hidden" role="status">
        {isCopied ? copied : ""}
      </span>
    </div>
  );
}
