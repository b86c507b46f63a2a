// Rendered Markdown kept in this process's memory. Rendering a lesson (KaTeX above all) costs tens
// of milliseconds of CPU, and every reader of a lesson gets the same HTML. The key is a hash of the
// source and the options, so an edited lesson is simply a new entry: nothing can serve stale HTML,
// on this server or any other, and no one has to remember to invalidate. Only the shared Markdown
// is cached; what differs per reader (progress, quiz attempts) is rendered around it every time.
import crypto from "node:crypto";
import { renderInlineMarkdown, renderMarkdown, type RenderOptions } from "./render-markdown";

/** Total HTML characters kept; the least recently used entries go first. A course is well under 2 million. */
export const RENDER_CACHE_MAX_CHARS = 16_000_000;

const entries = new Map<string, string>();
let cachedChars = 0;

function remember(key: string, render: () => string): string {
  const hit = entries.get(key);
  if (hit !== undefined) {
    // Re-inserting moves the entry to the end of the Map's order, which is what makes it LRU.
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  const html = render();
  entries.set(key, html);
  cachedChars += html.length;
  for (const [oldest, value] of entries) {
    if (cachedChars <= RENDER_CACHE_MAX_CHARS) break;
    entries.delete(oldest);
    cachedChars -= value.length;
  }
  return html;
}

function keyOf(kind: string, source: string, assetBase: string | undefined): string {
  // A separator that cannot occur in a URL path, so (assetBase, source) pairs cannot collide.
  return crypto
    .createHash("sha256")
    .update(`${kind}\n${assetBase ?? ""}\n`)
    .update(source)
    .digest("base64url");
}

/** renderMarkdown, answered from memory when this source was rendered with these options before. */
export function renderMarkdownCached(source: string, options: RenderOptions = {}): string {
  return remember(keyOf("block", source, options.assetBase), () => renderMarkdown(source, options));
}

/** renderInlineMarkdown, answered from memory when this line was rendered before. */
export function renderInlineMarkdownCached(source: string): string {
  return remember(keyOf("inline", source, undefined), () => renderInlineMarkdown(source));
}
