// A YAML file typed into a form, parsed with its content schema. Problems come back keyed by
// "<field>.<path inside the file>", so the form can show each under the text box it belongs to
// and say which line of the file is wrong.
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { ValidationError, type FieldErrors, errorMessage } from "../errors";

export function parseYamlField<T extends z.ZodType>(field: string, source: string, schema: T): z.output<T> {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    throw new ValidationError("The YAML could not be read.", { [field]: [errorMessage(error)] });
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    (fieldErrors[[field, ...issue.path].join(".")] ??= []).push(issue.message);
  }
  throw new ValidationError("Please correct the highlighted fields.", fieldErrors);
}
