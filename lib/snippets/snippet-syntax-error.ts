// Where a snippet the browser would not compile goes wrong. The snippet worker loads the snippet
// with importScripts, and Chromium's SyntaxError from it names only the worker's own line (the
// call), so the snippet is parsed once more, by acorn, to find its line. Only the worker imports
// this, and only a snippet that failed to compile is parsed.
import { parse } from "acorn";

export interface SnippetSyntaxError {
  /** The snippet's own line, from 1. */
  line: number;
  /** acorn's words, without the "(line:column)" it appends. */
  message: string;
}

/** The first syntax error in `code`, parsed as the lessons write snippets; null when it parses. */
export function snippetSyntaxErrorOf(code: string): SnippetSyntaxError | null {
  try {
    parse(code, {
      ecmaVersion: "latest",
      sourceType: "module",
      // The worker runs a snippet as the body of an async function.
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      locations: true,
    });
    return null;
  } catch (error) {
    const loc = (error as { loc?: { line?: unknown } }).loc;
    if (!(error instanceof SyntaxError) || typeof loc?.line !== "number") return null;
    return { line: loc.line, message: error.message.replace(/\s*\(\d+:\d+\)$/, "") };
  }
}
