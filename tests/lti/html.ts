// The test platform's HTML: its LMS pages, and the auto-submitting forms that carry LTI messages
// from one site to the other through the browser, as a real platform's do.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function htmlPage(title: string, body: string, script = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; }
  header { background: #23395d; color: #fff; padding: 0.75rem 1rem; }
  main { padding: 1rem; }
  iframe { width: 100%; height: 80vh; border: 1px solid #888; }
</style>
</head>
<body>
${body}
${script ? `<script>${script}</script>` : ""}
</body>
</html>`;
}

/**
 * A page holding a form that submits itself on load, the usual way LTI messages travel (login
 * initiation, the id_token post, the deep linking response). A button stays for a browser without
 * scripts.
 */
export function autoSubmitPage(options: {
  title: string;
  action: string;
  method: "get" | "post";
  fields: Record<string, string>;
}): string {
  const inputs = Object.entries(options.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  return htmlPage(
    options.title,
    `<main><form id="message" method="${options.method}" action="${escapeHtml(options.action)}">
${inputs}
<button type="submit">Continue</button>
</form></main>`,
    `document.getElementById("message").submit();`,
  );
}
