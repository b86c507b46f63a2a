"use client";

import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { Annotation, Compartment, EditorState, type Text } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { useEffect, useRef, useState, type RefObject } from "react";

export type EditorLanguage = "javascript" | "typescript";

/** An error the grader reported at a place in the learner's code, 1-based as the grader reports it. */
export interface EditorProblem {
  line: number;
  column: number;
  message: string;
}

/** Marks a change the page made (a reset), so it is not mistaken for typing. */
const fromPage = Annotation.define<boolean>();

function languageSupport(language: EditorLanguage) {
  return javascript({ typescript: language === "typescript" });
}

/** The document offset of a grader's line and column, clamped into the text as it is now. */
function offsetOf(doc: Text, line: number, column: number): number {
  const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(target.from + Math.max(column - 1, 0), target.to);
}

function diagnosticsFor(doc: Text, problems: EditorProblem[]): Diagnostic[] {
  return problems.map((problem) => {
    const from = offsetOf(doc, problem.line, problem.column);
    // At least one character wide where there is one, so the mark is visible.
    const to = Math.min(from + 1, doc.lineAt(from).to);
    return { from, to, severity: "error", message: problem.message };
  });
}

/** Puts the cursor at a grader's line and column and focuses the editor there. */
export function moveCursorTo(view: EditorView, line: number, column: number): void {
  const anchor = offsetOf(view.state.doc, line, column);
  view.dispatch({ selection: { anchor }, scrollIntoView: true });
  view.focus();
}

/** Replaces the whole text, as the page does on "Reset to the starter code". */
export function replaceText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: fromPage.of(true) });
}

const theme = EditorView.theme({
  "&": { border: "1px solid var(--line)", borderRadius: "6px", backgroundColor: "var(--paper)", maxWidth: "100%" },
  ".cm-scroller": {
    fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace',
    fontSize: "0.9rem",
    lineHeight: "1.45",
    minHeight: "16rem",
    maxHeight: "36rem",
    overflow: "auto",
  },
  "&.cm-focused": { outline: "3px solid var(--accent)", outlineOffset: "1px" },
});

interface CodeEditorProps {
  initialCode: string;
  language: EditorLanguage;
  labelId: string;
  describedBy: string;
  isInvalid: boolean;
  problems: EditorProblem[];
  /** Every change of the text; `isTyping` is false for the page's own replacements. */
  onChange: (code: string, isTyping: boolean) => void;
  viewRef: RefObject<EditorView | null>;
  /** Called once the editor is in the page and takes input. */
  onReady: () => void;
}

/**
 * CodeMirror 6 on the lab page. Until it mounts (and without JavaScript) the code is shown as plain text; the form
 * posts the text from its own hidden field either way. Tab indents; Escape then Tab leaves, as CodeMirror provides.
 */
export function CodeEditor({
  initialCode,
  language,
  labelId,
  describedBy,
  isInvalid,
  problems,
  onChange,
  viewRef,
  onReady,
}: CodeEditorProps) {
  const mountRef = useRef<HTMLDivElement>(null);
  const [isMounted, setIsMounted] = useState(false);
  const compartments = useRef({ language: new Compartment(), attributes: new Compartment() });
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const attributes = EditorView.contentAttributes.of({
    "aria-labelledby": labelId,
    "aria-describedby": describedBy,
    "aria-invalid": String(isInvalid),
    "data-testid": "code-editor",
    // The content is already in the tab order (contenteditable); saying so lets checkers such as axe see
    // that the scrolling box around it is reachable from the keyboard.
    tabindex: "0",
  });

  // The view is made once; the later effects reconfigure it instead of rebuilding it (which would lose the undo
  // history and the cursor). Its initial text and settings are therefore read only here.
  useEffect(() => {
    if (!mountRef.current) return;
    const view = new EditorView({
      parent: mountRef.current,
      state: EditorState.create({
        doc: initialCode,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          lintGutter(),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
          compartments.current.language.of(languageSupport(language)),
          compartments.current.attributes.of(attributes),
          theme,
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const isTyping = !update.transactions.some((transaction) => transaction.annotation(fromPage));
            onChangeRef.current(update.state.doc.toString(), isTyping);
          }),
        ],
      }),
    });
    viewRef.current = view;
    setIsMounted(true);
    onReady();
    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- made once, see above
  }, []);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.current.language.reconfigure(languageSupport(language)) });
  }, [language, viewRef]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.current.attributes.reconfigure(attributes) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `attributes` is derived from these
  }, [labelId, describedBy, isInvalid, viewRef]);

  useEffect(() => {
    const view = viewRef.current;
    if (view) view.dispatch(setDiagnostics(view.state, diagnosticsFor(view.state.doc, problems)));
  }, [problems, viewRef, isMounted]);

  return (
    <div className="code-editor-frame" data-mounted={isMounted}>
      {!isMounted && <pre className="code-editor code-editor-static">{initialCode}</pre>}
      <div ref={mountRef} />
    </div>
  );
}
