import type { FieldErrors } from "@/lib/errors";

/** The messages for `field`, and for a YAML field those of every path inside it, each led by its path. */
export function errorsFor(fieldErrors: FieldErrors, field: string): string[] {
  return Object.entries(fieldErrors).flatMap(([key, messages]) => {
    if (key === field) return messages;
    if (key.startsWith(`${field}.`)) return messages.map((message) => `${key.slice(field.length + 1)}: ${message}`);
    return [];
  });
}

/** Messages for fields the form has no box for (a lib-level refusal), so nothing is silently dropped. */
export function otherErrors(fieldErrors: FieldErrors, shown: string[]): string[] {
  return Object.entries(fieldErrors)
    .filter(([key]) => !shown.some((field) => key === field || key.startsWith(`${field}.`)))
    .flatMap(([key, messages]) => messages.map((message) => `${key}: ${message}`));
}
