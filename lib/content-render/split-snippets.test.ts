import assert from "node:assert/strict";
import { test } from "node:test";
import { splitRunnableSnippets } from "./split-snippets";

test("top-level ```js blocks become snippets; text, math and other code stay Markdown in order", () => {
  const markdown = [
    "# Title",
    "",
    "Text with $x$.",
    "",
    "```js",
    'import * as tf from "@tensorflow/tfjs";',
    "tf.scalar(1).print();",
    "```",
    "",
    "```python",
    "print(1)",
    "```",
    "",
    "- a list with code inside:",
    "",
    "  ```js",
    "  stays();",
    "  ```",
    "",
    "```js",
    "second();",
    "```",
  ].join("\n");
  const parts = splitRunnableSnippets(markdown);
  assert.deepEqual(
    parts.map((part) => part.kind),
    ["markdown", "snippet", "markdown", "snippet"],
  );
  assert.deepEqual(parts[1], {
    kind: "snippet",
    code: 'import * as tf from "@tensorflow/tfjs";\ntf.scalar(1).print();',
  });
  assert.ok(parts[0]?.kind === "markdown" && parts[0].source.includes("Text with $x$."));
  assert.ok(
    parts[2]?.kind === "markdown" && parts[2].source.includes("print(1)") && parts[2].source.includes("stays();"),
  );
  assert.deepEqual(parts[3], { kind: "snippet", code: "second();" });
});

test("a lesson without snippets is one Markdown part", () => {
  assert.deepEqual(splitRunnableSnippets("Just text.\n"), [{ kind: "markdown", source: "Just text.\n" }]);
});
