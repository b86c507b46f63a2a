// Turns lesson, lab and quiz Markdown into HTML that is safe to put in a page. Authors' and
// learners' text is never trusted as HTML: raw HTML is escaped, links and images are limited to
// harmless targets, math goes through KaTeX with `trust: false`, and code is escaped by highlight.js.
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import typescript from "highlight.js/lib/languages/typescript";
import katex from "katex";
import { Marked, type TokenizerAndRendererExtension, type Tokens } from "marked";

hljs.registerLanguage("javascript", javascript);
hljs.registerLanguage("typescript", typescript);
hljs.registerLanguage("python", python);
hljs.registerLanguage("bash", bash);
hljs.registerLanguage("json", json);
hljs.registerAliases(["js", "mjs"], { languageName: "javascript" });
hljs.registerAliases(["ts"], { languageName: "typescript" });
hljs.registerAliases(["py"], { languageName: "python" });
hljs.registerAliases(["sh", "shell"], { languageName: "bash" });

export interface RenderOptions {
  /**
   * URL folder that relative image paths (`figures/x.svg`) resolve against, e.g.
   * `/courses/ml-foundations/lessons/gradient-descent`. Without it, local images render as their alt text.
   */
  assetBase?: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

function renderMath(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, {
    displayMode,
    throwOnError: false,
    trust: false,
    strict: "ignore",
    maxExpand: 500,
    maxSize: 20,
  });
}

// $$ on its own lines (or `$$ ... $$` as a whole paragraph) is display math.
const blockMath: TokenizerAndRendererExtension = {
  name: "blockMath",
  level: "block",
  start: (src) => src.match(/^\$\$/m)?.index,
  tokenizer(src) {
    const match = /^\$\$([\s\S]+?)\$\$[ \t]*(?:\n|$)/.exec(src);
    if (match) return { type: "blockMath", raw: match[0], text: (match[1] ?? "").trim() };
    return undefined;
  },
  // A wide formula scrolls sideways on a phone; tabindex lets a keyboard reach and scroll it (WCAG 2.1.1).
  renderer: (token) => `<div class="math-display" tabindex="0">${renderMath(String(token.text), true)}</div>\n`,
};

// Pandoc's rule for inline math: no space just inside the dollars and no digit right after the
// closing one, so prices like "$5 and $10" stay text.
const inlineMath: TokenizerAndRendererExtension = {
  name: "inlineMath",
  level: "inline",
  start: (src) => (src.indexOf("$") >= 0 ? src.indexOf("$") : undefined),
  tokenizer(src) {
    const display = /^\$\$((?:\\.|[^\\$])+?)\$\$/.exec(src);
    if (display) return { type: "inlineMath", raw: display[0], text: display[1] ?? "", isDisplay: true };
    const match = /^\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/.exec(src);
    if (match) return { type: "inlineMath", raw: match[0], text: match[1] ?? "", isDisplay: false };
    return undefined;
  },
  renderer: (token) => renderMath(String(token.text), token.isDisplay === true),
};

const SAFE_LINK = /^(?:https?:\/\/|mailto:|\/(?!\/)|#)/i;
// Figures live beside the lesson; nothing else on disk or on the network is embedded.
const LOCAL_FIGURE = /^(?:\.\/)?figures\/[a-z0-9][a-z0-9-]*\.(?:svg|png|jpe?g|webp)$/;

// A block wider than a phone scrolls sideways; tabindex lets a keyboard reach it to scroll it.
const CODE_BLOCK_OPEN = '<pre class="code-block" tabindex="0">';

function highlight(code: string, lang: string | undefined): string {
  const language = lang?.trim().split(/\s+/)[0]?.toLowerCase();
  if (language && hljs.getLanguage(language)) {
    return (
      `${CODE_BLOCK_OPEN}<code class="hljs language-${escapeHtml(language)}">` +
      `${hljs.highlight(code, { language, ignoreIllegals: true }).value}</code></pre>\n`
    );
  }
  return `${CODE_BLOCK_OPEN}<code>${escapeHtml(code)}</code></pre>\n`;
}

function createMarked(options: RenderOptions): Marked {
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    extensions: [blockMath, inlineMath],
    hooks: {
      // A table wider than a phone scrolls sideways (course.css), so a keyboard must be able to reach it.
      // Raw HTML in the source is escaped, so every <table> here is one the table renderer wrote.
      postprocess: (html: string) => html.replaceAll("<table>", '<table tabindex="0">'),
    },
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
      code: ({ text, lang }: Tokens.Code) => highlight(text, lang),
      link({ href, title, tokens }: Tokens.Link) {
        const label = this.parser.parseInline(tokens);
        if (!SAFE_LINK.test(href)) return label;
        const isExternal = /^https?:/i.test(href);
        const titleAttribute = title ? ` title="${escapeHtml(title)}"` : "";
        const rel = isExternal ? ' rel="noopener noreferrer nofollow" target="_blank"' : "";
        return `<a href="${escapeHtml(href)}"${titleAttribute}${rel}>${label}</a>`;
      },
      image({ href, title, text }: Tokens.Image) {
        const alt = escapeHtml(text);
        if (!options.assetBase || !LOCAL_FIGURE.test(href)) return `<span class="figure-missing">${alt}</span>`;
        const src = `${options.assetBase}/${href.replace(/^\.\//, "")}`;
        const titleAttribute = title ? ` title="${escapeHtml(title)}"` : "";
        return `<img src="${escapeHtml(src)}" alt="${alt}"${titleAttribute} loading="lazy" decoding="async">`;
      },
    },
  });
  return marked;
}

/** Markdown with math and code as safe HTML, for a whole document (paragraphs, lists, tables, code). */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  return createMarked(options).parse(source, { async: false });
}

/** One line of Markdown (a quiz prompt or choice) as safe HTML without a wrapping paragraph. */
export function renderInlineMarkdown(source: string): string {
  return createMarked({}).parseInline(source, { async: false });
}
