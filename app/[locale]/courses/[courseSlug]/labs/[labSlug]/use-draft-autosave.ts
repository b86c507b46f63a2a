"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { LabDraftSnapshot } from "@/lib/drafts/lab-draft";
import type { DraftFailure, EditorMessages } from "@/lib/i18n/editor-messages";
import { saveLabDraftAction } from "./draft-actions";
import type { EditorLanguage } from "./code-editor";

/** Quiet time after the last keystroke before the draft is sent: one write per pause, not per key. */
const SAVE_DELAY_MS = 800;

type DraftStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "failed"; reason: DraftFailure };

interface AutosaveOptions {
  courseSlug: string;
  assignmentSlug: string;
  draft: LabDraftSnapshot | null;
  isEnabled: boolean;
  maxCodeBytes: number;
}

/**
 * Saves the editor's text as the learner's draft, debounced, one write at a time. Each write names the updatedAt of
 * the draft this tab last saw, so a tab that missed another tab's newer save is refused rather than overwriting it.
 */
export function useDraftAutosave({ courseSlug, assignmentSlug, draft, isEnabled, maxCodeBytes }: AutosaveOptions) {
  const [status, setStatus] = useState<DraftStatus>(draft ? { kind: "saved" } : { kind: "idle" });
  const base = useRef<string | null>(draft?.updatedAt ?? null);
  const pending = useRef<{ code: string; language: EditorLanguage } | null>(null);
  const isWriting = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(async () => {
    if (isWriting.current) return;
    isWriting.current = true;
    try {
      // Typing may go on while a write is under way: keep sending the newest text until none is waiting.
      while (pending.current) {
        const next = pending.current;
        pending.current = null;
        if (new TextEncoder().encode(next.code).byteLength > maxCodeBytes) {
          setStatus({ kind: "failed", reason: "tooLarge" });
          continue;
        }
        setStatus({ kind: "saving" });
        try {
          const result = await saveLabDraftAction({ courseSlug, assignmentSlug, ...next, baseUpdatedAt: base.current });
          if (result.isOk) base.current = result.value.updatedAt;
          setStatus(
            result.isOk ? { kind: pending.current ? "saving" : "saved" } : { kind: "failed", reason: result.reason },
          );
        } catch {
          setStatus({ kind: "failed", reason: "unreachable" });
        }
      }
    } finally {
      isWriting.current = false;
    }
  }, [courseSlug, assignmentSlug, maxCodeBytes]);

  const schedule = useCallback(
    (code: string, language: EditorLanguage) => {
      if (!isEnabled) return;
      pending.current = { code, language };
      setStatus({ kind: "saving" });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [isEnabled, flush],
  );

  useEffect(() => () => clearTimeout(timer.current), []);

  return {
    schedule,
    /** After the stored draft was deleted: the next write creates a new one. */
    forget: () => {
      clearTimeout(timer.current);
      pending.current = null;
      base.current = null;
      setStatus({ kind: "idle" });
    },
    fail: (reason: DraftFailure) => setStatus({ kind: "failed", reason }),
    statusText: (t: EditorMessages): string =>
      status.kind === "saving"
        ? t.draftSaving
        : status.kind === "failed"
          ? t.draftNotSaved(t.draftFailure[status.reason])
          : status.kind === "saved"
            ? t.draftSaved
            : "",
  };
}
