import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderInlineMarkdownCached, renderMarkdownCached } from "./render-cache";
import { renderInlineMarkdown, renderMarkdown } from "./render-markdown";

describe("renderMarkdownCached", () => {
  test("answers what renderMarkdown answers, the first time and every time after", () => {
    const source = `# Loss ${Math.random()}\n\nThe loss $L = (y - \\hat y)^2$.\n\n\`\`\`js\nconst x = 1;\n\`\`\`\n`;
    const expected = renderMarkdown(source, { assetBase: "/courses/c/lessons/a" });
    assert.equal(renderMarkdownCached(source, { assetBase: "/courses/c/lessons/a" }), expected);
    assert.equal(renderMarkdownCached(source, { assetBase: "/courses/c/lessons/a" }), expected);
  });

  test("an edited source is rendered anew, never answered with the HTML of its earlier text", () => {
    const before = renderMarkdownCached("Learning rate $\\eta = 0.1$.");
    const after = renderMarkdownCached("Learning rate $\\eta = 0.01$.");
    assert.notEqual(after, before);
    assert.equal(after, renderMarkdown("Learning rate $\\eta = 0.01$."));
    assert.equal(renderMarkdownCached("Learning rate $\\eta = 0.1$."), before);
  });

  test("the same Markdown under two lessons points its figures at each lesson's own folder", () => {
    const source = "![plot](figures/loss-curve.svg)";
    assert.match(
      renderMarkdownCached(source, { assetBase: "/courses/c/lessons/a" }),
      /src="\/courses\/c\/lessons\/a\/figures\/loss-curve.svg"/,
    );
    assert.match(
      renderMarkdownCached(source, { assetBase: "/courses/c/lessons/b" }),
      /src="\/courses\/c\/lessons\/b\/figures\/loss-curve.svg"/,
    );
    assert.doesNotMatch(renderMarkdownCached(source), /<img /);
  });

  test("a line rendered inline and the same text as a document are kept apart", () => {
    const source = "Pick **one** of $a$ and $b$";
    assert.equal(renderInlineMarkdownCached(source), renderInlineMarkdown(source));
    assert.equal(renderMarkdownCached(source), renderMarkdown(source));
    assert.notEqual(renderInlineMarkdownCached(source), renderMarkdownCached(source));
  });
});
