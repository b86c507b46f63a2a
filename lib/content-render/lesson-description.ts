// A lesson's description for search engines and link previews (the page's <meta name="description">):
// its first paragraph of prose as plain text. Math and images are left out, since neither reads as
// text; headings, tables, lists and code blocks are skipped to reach the prose.
import { Lexer, type Token } from "marked";

/** Search engines show about this many characters; a longer description is cut at a word. */
const MAX_LENGTH = 200;

// Inline math as the lesson renderer reads it (lib/content-render/render-markdown.ts): $…$ and $$…$$.
const INLINE_MATH = /\$\$(?:\\.|[^\\$])+?\$\$|\$(?!\s)(?:\\.|[^\\$\n])+?(?<!\s)\$(?!\d)/g;

function plainText(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      if (token.type === "image" || token.type === "html") return "";
      if ("tokens" in token && token.tokens) return plainText(token.tokens);
      return "text" in token && typeof token.text === "string" ? token.text : "";
    })
    .join("");
}

function shorten(text: string): string {
  if (text.length <= MAX_LENGTH) return text;
  const cut = text.slice(0, MAX_LENGTH - 1);
  const lastSpace = cut.lastIndexOf(" ");
  // Chinese has no spaces between words: cut at the limit there.
  return `${(lastSpace > MAX_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** The first paragraph of `markdown` as plain text, or null when it has none. */
export function lessonDescription(markdown: string): string | null {
  // Math first: the lexer would read the underscores and asterisks of TeX as emphasis.
  const withoutMath = markdown.replace(/^\$\$[\s\S]+?\$\$[ \t]*$/gm, "").replace(INLINE_MATH, "");
  for (const token of new Lexer().lex(withoutMath)) {
    if (token.type !== "paragraph") continue;
    const text = plainText(token.tokens)
      .replace(/\s+/g, " ")
      .replace(/\s+([,.;:!?，。；：！？）])/g, "$1")
      .trim();
    if (text) return shorten(text);
  }
  return null;
}
