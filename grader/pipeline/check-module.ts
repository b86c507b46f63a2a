// What the host can tell about a learner's module without running any of it: whether it parses,
// whether every module it imports statically exists inside the sandbox, and whether it exports
// train. esbuild answers all three from the source alone (a build with every import left external,
// its metafile's exports), so a module failing here never reaches the sandbox and no learner code
// has run: the one kind of learner failure that can end a graded attempt uncharged. Anything that
// needs the code to run (a throw at import time, a train that is not a function) is the sandbox's
// to find, and charged.
import { builtinModules } from "node:module";
import { build, type Message, type Plugin } from "esbuild";
import type { HostFoundFailureCode } from "@/lib/submissions/attempt-policy";
import { REQUIRABLE_PACKAGES, requireRefusal } from "@/grader/harness/train/learner-require";
import type { SubmissionLanguage } from "./compile-submission";

export type ModuleProblemCode = HostFoundFailureCode;

export interface ModuleProblem {
  code: ModuleProblemCode;
  message: string;
  /** 1-based, where the problem is in the learner's source; absent for a module-wide one. */
  line?: number;
  column?: number;
}

const BUILTINS = new Set(builtinModules);

/** A bare specifier's package: "@scope/name" or "name", whatever subpath follows. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

function isAvailable(specifier: string, packages: ReadonlySet<string>): boolean {
  if (specifier.startsWith("node:")) return BUILTINS.has(specifier.slice("node:".length));
  if (BUILTINS.has(specifier)) return true;
  // The learner's module is the only file of its folder in the sandbox: a relative or absolute
  // path can never resolve there.
  if (/^[./]/.test(specifier) || specifier.includes(":")) return false;
  return packages.has(packageOf(specifier));
}

/** Refuses static imports of what the sandbox lacks; keeps everything else external (nothing is read). */
function importsPlugin(packages: ReadonlySet<string>): Plugin {
  return {
    name: "sandbox-imports",
    setup(setup) {
      setup.onResolve({ filter: /.*/ }, (args) => {
        // A require() esbuild can read (a string, even one built of constants) is judged here, where
        // it costs nothing; any other is judged by the sandbox's require (learner-require.ts).
        if (args.kind === "require-call" && !REQUIRABLE_PACKAGES.includes(args.path)) {
          return { errors: [{ text: requireRefusal(args.path), detail: "unavailable_import" }] };
        }
        // A dynamic import() runs only when the learner's code does; it is the sandbox's to judge.
        if (args.kind === "import-statement" && !isAvailable(args.path, packages)) {
          return {
            errors: [
              {
                text:
                  `"${args.path}" cannot be imported: the grader provides only Node's built-in modules and ` +
                  `${[...packages].filter((name) => name.startsWith("@tensorflow/tfjs")).join(", ")}. ` +
                  `train() receives tf as an argument.`,
                detail: "unavailable_import",
              },
            ],
          };
        }
        return { path: args.path, external: true };
      });
    },
  };
}

function located(code: ModuleProblemCode, message: Message): ModuleProblem {
  const where = message.location;
  if (!where) return { code, message: message.text };
  const excerpt = where.lineText ? `\n    ${where.lineText.trim()}` : "";
  return {
    code,
    message: `line ${where.line}, column ${where.column + 1}: ${message.text}${excerpt}`,
    line: where.line,
    column: where.column + 1,
  };
}

/** The first problem the host can find in the module, or null when it parses, imports what exists and exports train. */
export async function checkModule(
  source: string,
  language: SubmissionLanguage,
  packages: ReadonlySet<string>,
): Promise<ModuleProblem | null> {
  let result;
  try {
    result = await build({
      stdin: { contents: source, loader: language === "typescript" ? "ts" : "js", sourcefile: "submission" },
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "silent",
      plugins: [importsPlugin(packages)],
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    const first = Array.isArray(errors) ? errors[0] : undefined;
    if (!first) throw error;
    return located(first.detail === "unavailable_import" ? "unavailable_import" : "syntax_error", first);
  }
  // A CommonJS module's exports are whatever its code assigns when it runs: the sandbox checks them.
  if (result.metafile.inputs.submission?.format === "cjs") return null;
  const output = Object.values(result.metafile.outputs)[0];
  const text = result.outputFiles[0]?.text ?? "";
  // `export * from` a package may or may not bring a train with it; only running it can tell.
  const hasStarReExport = /^export \* from /m.test(text);
  if (output && !output.exports.includes("train") && !hasStarReExport) {
    return {
      code: "no_train_export",
      message:
        "Your module does not export a function named train. " +
        "Export it, e.g. `export async function train({ tf, data, budget }) { ... }`.",
    };
  }
  return null;
}
