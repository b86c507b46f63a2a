import assert from "node:assert/strict";
import { test } from "node:test";
import { snippetSyntaxErrorOf } from "./snippet-syntax-error";

test("a syntax error is found on the snippet's own line, in acorn's words without its position", () => {
  const code = ['import * as tf from "@tensorflow/tfjs";', "", "const x = tf.tensor1d([1, 2]);", "const y = ;"].join(
    "\n",
  );
  assert.deepEqual(snippetSyntaxErrorOf(code), { line: 4, message: "Unexpected token" });
  assert.equal(snippetSyntaxErrorOf("let a = 1;\nlet b = (;\n")?.line, 2);
});

test("what the worker accepts parses: top-level await and return, imports", () => {
  assert.equal(
    snippetSyntaxErrorOf('import * as tf from "@tensorflow/tfjs";\nawait tf.ready();\nif (tf) return;\n'),
    null,
  );
});
