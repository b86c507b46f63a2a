// The small HTML pages the /lti endpoints answer with (a refused launch, the step that checks the
// frame's cookie, a registration a platform opened): self-contained documents, in the visitor's
// language, that fit a phone and an LMS iframe. Scripts carry the response's CSP nonce, which the
// web server put on the request (lib/http/content-security-policy.ts).
import { nonceOfPolicy } from "../http/content-security-policy";
import type { Locale } from "../courses/content-schema";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe to put in HTML, in an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** The script nonce the web server chose for this response, or null when none was set (tests calling a handler directly). */
export function scriptNonceOf(request: Request): string | null {
  const policy = request.headers.get("content-security-policy");
  return policy ? nonceOfPolicy(policy) : null;
}

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:1.5rem;color:#1b1f24;background:#fff;max-width:40rem}
h1{font-size:1.4rem;margin:0 0 .75rem}
p{margin:.5rem 0}
code{font-family:ui-monospace,monospace;word-break:break-all}
.muted{color:#4d5560}
.actions{margin-top:1rem;display:flex;flex-wrap:wrap;gap:.5rem}
.button,button{display:inline-block;font:inherit;padding:.6rem 1rem;border-radius:.4rem;border:1px solid #0b5cad;background:#0b5cad;color:#fff;text-decoration:none;cursor:pointer;min-height:44px}
.button.secondary,button.secondary{background:#fff;color:#0b5cad}
a{color:#0b5cad}
:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0;word-break:break-all}
`;

export interface LtiPageOptions {
  request: Request;
  lang: Locale;
  status?: number;
  title: string;
  /** Markup of the page's body, already escaped where it holds anything not written here. */
  bodyHtml: string;
  /** A script to run, without its <script> tag; it gets the response's nonce. */
  script?: string;
  headers?: Record<string, string>;
}

/** A complete HTML response; never cached, never indexed. */
export function ltiPageResponse({
  request,
  lang,
  status = 200,
  title,
  bodyHtml,
  script,
  headers = {},
}: LtiPageOptions): Response {
  const nonce = scriptNonceOf(request);
  const scriptTag = script && nonce ? `<script nonce="${escapeHtml(nonce)}">${script}</script>` : "";
  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Gradient</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${bodyHtml}
</main>
${scriptTag}
</body>
</html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** The language to answer a platform's request in: the launch's or the browser's, Simplified Chinese or English. */
export function ltiLocaleOf(...hints: (string | null | undefined)[]): Locale {
  for (const hint of hints) {
    if (!hint) continue;
    const first = hint.split(",")[0]?.trim().toLowerCase() ?? "";
    if (first.startsWith("zh")) return "zh-CN";
    if (first.startsWith("en")) return "en";
  }
  return "en";
}
