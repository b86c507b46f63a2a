// The one validation every submission passes through, whether it comes from the web editor, a
// file upload or the HTTP API.
import { z } from "zod";
import { MAX_WEIGHTS_BUNDLE_CHARS, WEIGHTS_LANGUAGE } from "./weights-bundle";

/** Hard ceiling before any assignment's own limit is known: nothing larger is even read. */
export const MAX_SUBMISSION_BYTES = 1_000_000;

export const SubmissionSourceSchema = z.enum(["WEB", "UPLOAD", "API"]);

export const SubmissionInputSchema = z
  .object({
    /** The course the lab belongs to. */
    courseSlug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Unknown course."),
    /** The lab, by its slug. */
    assignmentSlug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Unknown lab."),
    /**
     * One JavaScript or TypeScript module; for a take-home lab, the weights bundle (lib/submissions/weights-bundle.ts).
     */
    code: z
      .string({ error: "Submit your code as text." })
      .max(MAX_WEIGHTS_BUNDLE_CHARS, `Your submission is larger than ${Math.round(MAX_WEIGHTS_BUNDLE_CHARS / 1e6)} MB.`)
      .refine((code) => code.trim().length > 0, "Your submission is empty.")
      .refine(
        (code) => !code.includes("\u0000"),
        "Your file contains binary data; submit one JavaScript or TypeScript module as text.",
      ),
    /** How the code arrived. */
    source: SubmissionSourceSchema.default("WEB"),
    /** The module's language (TypeScript has its types stripped before grading), or uploaded TensorFlow.js weights. */
    language: z.enum(["javascript", "typescript", WEIGHTS_LANGUAGE]).default("javascript"),
  })
  .refine(
    (input) => input.language === WEIGHTS_LANGUAGE || Buffer.byteLength(input.code, "utf8") <= MAX_SUBMISSION_BYTES,
    {
      message: `Your submission is larger than ${MAX_SUBMISSION_BYTES / 1000} kB.`,
      path: ["code"],
    },
  );
export type SubmissionInput = z.infer<typeof SubmissionInputSchema>;

const UPLOAD_NAME = /\.(m?js|ts)$/i;

/**
 * Checks an uploaded file before its bytes are read as code: one module of a known kind, within
 * the size ceiling, valid UTF-8. Returns the text and the language its name implies.
 */
export function readUploadedModule(
  name: string,
  bytes: Uint8Array,
): { code: string; language: "javascript" | "typescript" } | { error: string } {
  if (!UPLOAD_NAME.test(name)) return { error: "Upload one module: a .js, .mjs or .ts file." };
  if (bytes.byteLength > MAX_SUBMISSION_BYTES)
    return { error: `That file is larger than ${MAX_SUBMISSION_BYTES / 1000} kB.` };
  try {
    const code = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { code, language: name.toLowerCase().endsWith(".ts") ? "typescript" : "javascript" };
  } catch {
    return { error: "That file is not valid UTF-8 text." };
  }
}
