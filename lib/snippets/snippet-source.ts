// How a lesson's TensorFlow.js snippet becomes a script the browser's snippet worker can run, and
// how an error's stack leads back to the snippet's own line. The lessons write snippets as ES
// modules (`import * as tf from "@tensorflow/tfjs"`, top-level await), as a learner would run them
// with Node; the worker has tfjs already loaded and runs the snippet as the body of an async
// function, so the import becomes a binding of that tfjs on the very same line.

/** The global the wrapped snippet assigns its function to, for the worker to call. */
export const SNIPPET_GLOBAL = "__gradientSnippet";
/** The name tfjs is passed to the snippet under. */
const TFJS_PARAMETER = "__gradientTf";

/** Lines the wrapper adds before the snippet's first line. */
export const SNIPPET_LINE_OFFSET = 1;

const TFJS_NAMESPACE_IMPORT = /^\s*import\s+\*\s+as\s+([A-Za-z_$][\w$]*)\s+from\s+(["'])@tensorflow\/tfjs\2\s*;?\s*$/;
const TFJS_NAMED_IMPORT = /^\s*import\s+\{([^}]*)\}\s+from\s+(["'])@tensorflow\/tfjs\2\s*;?\s*$/;
const ANY_IMPORT = /^\s*import[\s{*"']/;

export type WrappedSnippet = { ok: true; source: string } | { ok: false; line: number; message: string };

/** `{ a, b as c }` of an import as the same bindings of a destructuring. */
function destructuring(names: string): string {
  return names
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => name.replace(/\s+as\s+/, ": "))
    .join(", ");
}

/**
 * The snippet as a classic script defining `self.__gradientSnippet(tf)`, line for line the same
 * after SNIPPET_LINE_OFFSET; or the first line that imports anything but tfjs.
 */
export function wrapSnippet(code: string): WrappedSnippet {
  const lines = code.split("\n");
  const body: string[] = [];
  for (const [index, line] of lines.entries()) {
    const namespace = TFJS_NAMESPACE_IMPORT.exec(line);
    const named = TFJS_NAMED_IMPORT.exec(line);
    if (namespace) body.push(`const ${namespace[1]} = ${TFJS_PARAMETER};`);
    else if (named) body.push(`const { ${destructuring(named[1] ?? "")} } = ${TFJS_PARAMETER};`);
    else if (ANY_IMPORT.test(line))
      return { ok: false, line: index + 1, message: "only @tensorflow/tfjs can be imported here" };
    else body.push(line);
  }
  const source = `self.${SNIPPET_GLOBAL} = async function (${TFJS_PARAMETER}) { "use strict";\n${body.join("\n")}\n};\n`;
  return { ok: true, source };
}

/**
 * The snippet's line an error happened on, from its stack: the first frame in the script at
 * `scriptUrl` (Chrome and Firefox both write `<url>:<line>:<column>`). Null when no frame is in
 * the snippet, or the frame is outside its lines (the wrapper's own).
 */
export function snippetLineOf(stack: string | undefined, scriptUrl: string, lineCount: number): number | null {
  if (!stack) return null;
  const escaped = scriptUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}:(\\d+):\\d+`).exec(stack);
  if (!match) return null;
  const line = Number(match[1]) - SNIPPET_LINE_OFFSET;
  return line >= 1 && line <= lineCount ? line : null;
}
