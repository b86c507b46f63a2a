// A lesson's Markdown cut around its runnable snippets: the ```js blocks at the top level of the
// lesson (the ones content/lesson-snippets.test.ts runs with Node) become editable, runnable
// blocks on the page; everything between them is rendered as Markdown as before.
import { Lexer } from "marked";

export type LessonPart = { kind: "markdown"; source: string } | { kind: "snippet"; code: string };

export function splitRunnableSnippets(markdown: string): LessonPart[] {
  const parts: LessonPart[] = [];
  let pending = "";
  for (const token of new Lexer().lex(markdown)) {
    const isSnippet = token.type === "code" && token.lang === "js" && token.raw.trimStart().startsWith("```");
    if (!isSnippet) {
      pending += token.raw;
      continue;
    }
    if (pending.trim()) parts.push({ kind: "markdown", source: pending });
    pending = "";
    parts.push({ kind: "snippet", code: String(token.text) });
  }
  if (pending.trim()) parts.push({ kind: "markdown", source: pending });
  return parts;
}
