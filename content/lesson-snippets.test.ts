// The lessons promise runnable TensorFlow.js: every ```js block of every lesson body, in every
// locale, is run as its own ES module in a fresh Node process and must exit cleanly. Translations
// touch comments and printed strings, so the Chinese copies are run too.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { loadCourseFiles } from "../lib/courses/load-course-files";

const COURSES_DIR = path.join(import.meta.dirname, "courses");
const ROOT = path.resolve(import.meta.dirname, "..");
const SNIPPET_TIMEOUT_MS = 60_000;
const JS_BLOCK = /^```js\n([\s\S]*?)^```/gm;

/** Runs one snippet with the project's node_modules, as a learner's `node snippet.mjs` would. */
function runSnippet(code: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ["--input-type=module"], {
    cwd: ROOT,
    input: code,
    encoding: "utf8",
    timeout: SNIPPET_TIMEOUT_MS,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const courseSlugs = readdirSync(COURSES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

for (const slug of courseSlugs) {
  const { lessons } = loadCourseFiles(path.join(COURSES_DIR, slug));
  describe(`course ${slug} lesson snippets`, () => {
    for (const lesson of lessons) {
      for (const [locale, body] of Object.entries(lesson.bodies)) {
        const snippets = [...body.matchAll(JS_BLOCK)].map((match) => match[1] ?? "");
        test(`${lesson.folder} ${locale}: has code and every snippet runs`, () => {
          assert.ok(snippets.length > 0, "the lesson has no ```js snippet");
          snippets.forEach((code, index) => {
            const { status, output } = runSnippet(code);
            assert.equal(status, 0, `snippet ${index + 1} failed:\n${code}\n--- output ---\n${output.slice(-2000)}`);
          });
        });
      }
    }
  });
}
