import type { z } from "zod";
import { ValidationError, type FieldErrors } from "./errors";

/** Parses `input` with `schema`, or throws a ValidationError carrying one list of messages per field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  message = "Please correct the highlighted fields.",
): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "form";
    (fieldErrors[field] ??= []).push(issue.message);
  }
  throw new ValidationError(message, fieldErrors);
}
