// The host-side module check: what it finds is reported with the learner's own line and column,
// and it never runs the learner's code (a module that would throw at once passes the check).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HOST_FOUND_FAILURE_CODES } from "@/lib/submissions/attempt-policy";
import { checkModule } from "./check-module";
import { HARNESS_LEARNER_CODES } from "./classify-run";

const PACKAGES = new Set(["@tensorflow/tfjs", "@tensorflow/tfjs-core"]);
const check = (source: string, language: "javascript" | "typescript" = "javascript") =>
  checkModule(source, language, PACKAGES);

describe("checkModule", () => {
  it("passes a module that imports tfjs and Node's built-ins and exports train", async () => {
    const source =
      'import * as tf from "@tensorflow/tfjs";\nimport { createHash } from "node:crypto";\nimport path from "path";\n' +
      "export async function train() { return tf.sequential(); }\n";
    assert.equal(await check(source), null);
  });

  it("finds a syntax error with its line and column", async () => {
    const problem = await check("export async function train({ tf }) {\n  const x = ;\n}\n");
    assert.equal(problem?.code, "syntax_error");
    assert.equal(problem?.line, 2);
    assert.equal(problem?.column, 13);
    assert.match(problem?.message ?? "", /^line 2, column 13: /);
  });

  it("finds a TypeScript syntax error", async () => {
    const problem = await check("export async function train(a: number) {\n  let y: = 2;\n}\n", "typescript");
    assert.equal(problem?.code, "syntax_error");
    assert.equal(problem?.line, 2);
  });

  it("refuses imports the sandbox cannot satisfy, where they are", async () => {
    for (const specifier of ["./helpers.js", "lodash", "/etc/passwd", "https://example.com/x.js", "node:nope"]) {
      const problem = await check(
        `// helpers\nimport x from "${specifier}";\nexport async function train() { return x; }\n`,
      );
      assert.equal(problem?.code, "unavailable_import", specifier);
      assert.equal(problem?.line, 2, specifier);
      assert.equal(problem?.column, 15, specifier);
    }
  });

  it("passes a CommonJS module that requires TensorFlow.js, leaving its exports to the sandbox", async () => {
    const source =
      'const tf = require("@tensorflow/tfjs");\nconst node = require("@tensorflow/tfjs-node");\n' +
      "module.exports = { train: async () => [tf, node] };\n";
    assert.equal(await check(source), null);
    // What a CommonJS module exports is known only once it runs.
    assert.equal(await check("module.exports = {};\n"), null);
  });

  it("refuses a require of anything but TensorFlow.js where it is, naming what is allowed", async () => {
    for (const specifier of ["fs", "child_process", "node:fs", "lodash", "./helpers.js"]) {
      const problem = await check(`// helpers\nconst x = require("${specifier}");\nexports.train = async () => x;\n`);
      assert.equal(problem?.code, "unavailable_import", specifier);
      assert.equal(problem?.line, 2, specifier);
      assert.match(
        problem?.message ?? "",
        new RegExp(`require\\("${specifier.replace(".", "\\.")}"\\) is not available`),
      );
      assert.match(problem?.message ?? "", /"@tensorflow\/tfjs", "@tensorflow\/tfjs-node"/);
    }
  });

  it("finds a module without a train export", async () => {
    const problem = await check("export async function fit() {}\n");
    assert.equal(problem?.code, "no_train_export");
  });

  it("leaves to the sandbox what only running the code can tell", async () => {
    // A throw at import time, a train that is not a function, a dynamic import: all learner code running, all charged.
    assert.equal(await check('throw new Error("at import");\nexport async function train() {}\n'), null);
    assert.equal(await check("export const train = 42;\n"), null);
    assert.equal(await check('export async function train() { await import("./nope.js"); }\n'), null);
    assert.equal(await check('export * from "@tensorflow/tfjs";\n'), null);
  });

  it("uses codes the sandbox can never report, so a run cannot claim to be uncharged", () => {
    for (const code of HOST_FOUND_FAILURE_CODES) assert.ok(!HARNESS_LEARNER_CODES.has(code), code);
  });
});
