import "katex/dist/katex.min.css";
import "highlight.js/styles/github.css";
import { renderInlineMarkdownCached, renderMarkdownCached } from "@/lib/content-render/render-cache";

interface MarkdownProps {
  source: string;
  /** URL folder that the Markdown's relative figure paths resolve against (see renderMarkdown). */
  assetBase?: string;
  /** One line (a quiz prompt or choice) rendered inside a span instead of block content. */
  isInline?: boolean;
  className?: string;
}

/**
 * Markdown with KaTeX math and highlighted code, rendered on the server. The HTML comes from
 * lib/content-render, which escapes raw HTML and filters links and images, so it is safe to inject,
 * and is kept in memory by source hash, so a lesson is rendered once, not once per reader.
 */
export function Markdown({ source, assetBase, isInline = false, className }: MarkdownProps) {
  if (isInline) {
    return <span className={className} dangerouslySetInnerHTML={{ __html: renderInlineMarkdownCached(source) }} />;
  }
  return (
    <div
      className={["markdown", className].filter(Boolean).join(" ")}
      dangerouslySetInnerHTML={{ __html: renderMarkdownCached(source, { assetBase }) }}
    />
  );
}
