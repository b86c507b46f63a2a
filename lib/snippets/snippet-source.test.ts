import assert from "node:assert/strict";
import vm from "node:vm";
import { test } from "node:test";
import { SNIPPET_GLOBAL, snippetLineOf, wrapSnippet } from "./snippet-source";

const SNIPPET = [
  'import * as tf from "@tensorflow/tfjs";',
  "",
  "const x = await Promise.resolve(tf.answer);",
  "throw new Error(`x is ${x}`);",
].join("\n");

/** Runs the wrapped script as the worker would: as a classic script with `self`, then calls it. */
async function run(source: string, filename: string, tf: unknown): Promise<unknown> {
  const self: Record<string, unknown> = {};
  vm.runInNewContext(source, { self }, { filename });
  return (self[SNIPPET_GLOBAL] as (tf: unknown) => Promise<unknown>)(tf);
}

test("a snippet written as an ES module runs as the worker's script, with tfjs bound by its import and top-level await", async () => {
  const wrapped = wrapSnippet(SNIPPET);
  assert.ok(wrapped.ok);
  const url = "blob:http://localhost/8d1c";
  const error = await run(wrapped.source, url, { answer: 42 }).then(
    () => assert.fail("the snippet throws"),
    (thrown: unknown) => thrown as Error,
  );
  assert.equal(error.message, "x is 42");
  // The error is on the snippet's fourth line, wrapper or not.
  assert.equal(snippetLineOf(error.stack, url, 4), 4);
});

test("named imports of tfjs become the same bindings; any other import is refused on its line", async () => {
  const wrapped = wrapSnippet('import { tensor1d as t, sum } from "@tensorflow/tfjs";\nreturn [t(), sum()];');
  assert.ok(wrapped.ok);
  // The script runs in a context of its own, whose arrays are not this realm's.
  assert.equal(JSON.stringify(await run(wrapped.source, "s.js", { tensor1d: () => 1, sum: () => 2 })), "[1,2]");
  assert.deepEqual(wrapSnippet('// data\nimport fs from "node:fs";'), {
    ok: false,
    line: 2,
    message: "only @tensorflow/tfjs can be imported here",
  });
});

test("a stack without a frame in the snippet, or one in the wrapper's line, names no line", () => {
  assert.equal(snippetLineOf(undefined, "blob:x", 3), null);
  assert.equal(snippetLineOf("Error\n    at f (https://site/_next/static/chunk.js:1:200)", "blob:x", 3), null);
  assert.equal(snippetLineOf("Error\n    at blob:x:1:5", "blob:x", 3), null);
  assert.equal(snippetLineOf("Error\n    at g (blob:x:3:9)\n    at blob:x:2:1", "blob:x", 3), 2);
});
