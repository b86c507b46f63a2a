import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import globals from "globals";
import tseslint from "typescript-eslint";

const browserOnlyGlobalsOff = Object.fromEntries(
  Object.keys(globals.browser)
    .filter((name) => !(name in globals.node))
    .map((name) => [name, "off"]),
);

export default defineConfig(
  globalIgnores([
    "lib/generated/**",
    ".next/**",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
    "**/*.tsbuildinfo",
  ]),
  js.configs.recommended,
  ...nextVitals,
  ...nextTypescript,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a name kept on purpose, such as a field dropped by destructuring.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
      // An async function without await is how this code turns a throw into a rejection and meets
      // an interface that wants a promise (test doubles, route handlers, config callbacks).
      "@typescript-eslint/require-await": "off",
      // A shape or a list of numbers in a message reads well as "1,28,28".
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowArray: true }],
      // node:test's test() and describe() return promises the runner itself awaits.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            {
              from: "package",
              package: "node:test",
              name: ["test", "it", "describe", "suite", "before", "after", "beforeEach", "afterEach"],
            },
          ],
        },
      ],
    },
  },
  // Settings are read and validated in one place, lib/env.ts; anywhere else process.env would be an
  // unchecked setting. The sandbox's hostile fixtures are learner code that looks for secrets.
  {
    ignores: ["lib/env.ts", "grader/sandbox/hostile-fixtures/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings through lib/env.ts (env, childEnvironment)." },
      ],
    },
  },
  // The code that is not TypeScript (sandbox harness, lab solutions, fixtures, configs) is outside
  // the TypeScript project, so the rules that need type information cannot run on it.
  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  // Server-side code runs on Node only: the grader, the code it runs in the sandbox, scripts,
  // tests and configs. Next's config gives every file the browser's globals as well, so they are
  // switched off here and a stray `window` or `document` is reported.
  {
    files: ["grader/**", "scripts/**", "tests/**", "prisma/**", "content/**", "*.{js,mjs,cjs,ts}"],
    languageOptions: { globals: { ...browserOnlyGlobalsOff, ...globals.node } },
  },
  // CommonJS: Next's config file, the threaded wasm backend's worker entry, the sandbox's
  // hostile fixtures, which are plain Node scripts written the way a hostile learner would, and the
  // labs' CommonJS reference solutions, written the way Node tutorials write TensorFlow.js.
  {
    files: [
      "**/*.cjs",
      "next.config.js",
      "grader/sandbox/hostile-fixtures/**/*.js",
      "content/courses/*/assignments/*/reference-cjs.js",
    ],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // A lab's starter is scaffolding: its parameters and half-built layers show the learner what is
  // available and are meant to stay unused until the learner fills in the TODOs.
  {
    files: ["content/courses/*/assignments/*/starter.js"],
    rules: { "@typescript-eslint/no-unused-vars": "off" },
  },
  prettier,
);
