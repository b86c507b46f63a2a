// Learner source becomes an ES module for node with esbuild's in-process transform: no learner
// string reaches a shell or a file path, and TypeScript types are stripped here, outside the sandbox.
import { transform, type Message } from "esbuild";

export type SubmissionLanguage = "javascript" | "typescript";

export type CompileResult = { ok: true; code: string } | { ok: false; message: string };

function describe(message: Message): string {
  const where = message.location ? `line ${message.location.line}, column ${message.location.column + 1}: ` : "";
  const excerpt = message.location?.lineText ? `\n    ${message.location.lineText.trim()}` : "";
  return `${where}${message.text}${excerpt}`;
}

export async function compileSubmission(source: string, language: SubmissionLanguage): Promise<CompileResult> {
  try {
    const result = await transform(source, {
      loader: language === "typescript" ? "ts" : "js",
      format: "esm",
      target: "node20",
      sourcefile: "submission",
      // Inline so the harness can map stack traces back to the learner's own line numbers.
      sourcemap: "inline",
      sourcesContent: false,
      logLevel: "silent",
    });
    return { ok: true, code: result.code };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      return { ok: false, message: errors.slice(0, 5).map(describe).join("\n") };
    }
    throw error;
  }
}
