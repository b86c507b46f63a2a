import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderInlineMarkdown, renderMarkdown } from "./render-markdown";

describe("renderMarkdown", () => {
  test("escapes raw HTML instead of passing it through", () => {
    const html = renderMarkdown('Hi <script>alert(1)</script>\n\n<img src=x onerror="alert(1)">');
    assert.ok(!html.includes("<script"));
    assert.ok(!html.includes("<img"));
    assert.match(html, /&lt;script&gt;/);
  });

  test("drops links to javascript: and keeps http links with a safe rel", () => {
    const html = renderMarkdown("[bad](javascript:alert(1)) [good](https://example.com)");
    assert.ok(!html.includes("javascript:"));
    assert.match(html, /<a href="https:\/\/example.com" rel="noopener noreferrer nofollow"/);
  });

  test("embeds only local figures, under the given base", () => {
    const html = renderMarkdown(
      "![plot](figures/loss-curve.svg) ![track](https://evil.example/x.png) ![up](figures/../../secret.svg)",
      {
        assetBase: "/courses/c/lessons/l",
      },
    );
    assert.match(html, /<img src="\/courses\/c\/lessons\/l\/figures\/loss-curve.svg" alt="plot"/);
    assert.equal(html.match(/<img /g)?.length, 1);
  });

  test("renders inline and display math with KaTeX and leaves prices alone", () => {
    const html = renderMarkdown("The loss $L = x^2$ costs $5 and $10.\n\n$$\n\\frac{a}{b}\n$$\n");
    assert.match(html, /class="katex"/);
    assert.match(html, /class="katex-display"/);
    assert.match(html, /costs \$5 and \$10/);
  });

  test("math cannot smuggle links or HTML in, and bad TeX does not throw", () => {
    const html = renderMarkdown("$\\href{javascript:alert(1)}{x}$ $\\htmlClass{x}{y}$ $\\frac{$");
    assert.ok(!/href="javascript/.test(html));
    assert.ok(!html.includes('class="x"'));
  });

  test("highlights fenced JavaScript and escapes code it cannot highlight", () => {
    const html = renderMarkdown("```js\nconst a = '<b>';\n```\n\n```weird\n<b>x</b>\n```");
    assert.match(html, /<span class="hljs-keyword">const<\/span>/);
    assert.match(html, /&lt;b&gt;x&lt;\/b&gt;/);
    assert.ok(!html.includes("<b>"));
  });

  test("leaves dollar signs inside code alone", () => {
    assert.match(renderInlineMarkdown("`$x$` and $y$"), /<code>\$x\$<\/code> and <span class="katex">/);
  });
});
