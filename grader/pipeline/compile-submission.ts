// Learner source becomes an ES module for node with esbuild's in-process transform: no learner
// string reaches a shell or a file path, and TypeScript types are stripped here, outside the sandbox.
//
// CommonJS (require, module.exports) is told apart here, on the host, from esbuild's own reading of
// the source, never by running it. Such a module is wrapped in one exported function whose
// parameters are CommonJS's (exports, require, module, __filename, __dirname); the harness calls
// it with a require that answers only TensorFlow.js (grader/harness/train/load-learner-module.ts).
// The wrapped text is esbuild's reprint of a module it parsed whole, so it cannot close the
// function early; like every ES module, the result runs in strict mode.
import { build, transform, type Message } from "esbuild";

export type SubmissionLanguage = "javascript" | "typescript";
export type ModuleFormat = "esm" | "cjs";

export interface CompiledModule {
  code: string;
  format: ModuleFormat;
}

export type CompileResult = ({ ok: true } & CompiledModule) | { ok: false; message: string };

export const COMMONJS_PARAMETERS = ["exports", "require", "module", "__filename", "__dirname"] as const;

function describe(message: Message): string {
  const where = message.location ? `line ${message.location.line}, column ${message.location.column + 1}: ` : "";
  const excerpt = message.location?.lineText ? `\n    ${message.location.lineText.trim()}` : "";
  return `${where}${message.text}${excerpt}`;
}

function loaderOf(language: SubmissionLanguage): "ts" | "js" {
  return language === "typescript" ? "ts" : "js";
}

/**
 * "cjs" when esbuild reads the module as CommonJS (it uses require, module or exports and no
 * import or export), else "esm": a module with neither is loaded as ES as before.
 */
export async function moduleFormatOf(source: string, language: SubmissionLanguage): Promise<ModuleFormat> {
  const result = await build({
    stdin: { contents: source, loader: loaderOf(language), sourcefile: "submission" },
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "node",
    logLevel: "silent",
    // Nothing is read: every import stays as written.
    plugins: [
      {
        name: "external",
        setup: (setup) => setup.onResolve({ filter: /.*/ }, (args) => ({ path: args.path, external: true })),
      },
    ],
  });
  return result.metafile.inputs.submission?.format === "cjs" ? "cjs" : "esm";
}

export async function compileSubmission(source: string, language: SubmissionLanguage): Promise<CompileResult> {
  try {
    const format = await moduleFormatOf(source, language);
    const result = await transform(source, {
      loader: loaderOf(language),
      format,
      target: "node20",
      sourcefile: "submission",
      // Inline so the harness can map stack traces back to the learner's own line numbers; the
      // map accounts for the wrapper's first line.
      sourcemap: "inline",
      sourcesContent: false,
      logLevel: "silent",
      ...(format === "cjs"
        ? { banner: `export default function (${COMMONJS_PARAMETERS.join(", ")}) {`, footer: "\n}" }
        : {}),
    });
    return { ok: true, code: result.code, format };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      return { ok: false, message: errors.slice(0, 5).map(describe).join("\n") };
    }
    throw error;
  }
}
