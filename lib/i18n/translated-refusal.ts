// A refusal's message and each field's messages, worded through one translation: lib/ refuses in
// English, and each catalogue of refusals (refusal-text.ts, authoring-problem-text.ts) words its own.
import type { FieldErrors } from "../errors";

export interface RefusalMessages {
  message: string;
  fieldErrors: FieldErrors;
}

export function translatedRefusal(
  { message, fieldErrors }: RefusalMessages,
  translate: (text: string) => string,
): RefusalMessages {
  return {
    message: translate(message),
    fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([field, texts]) => [field, texts.map(translate)])),
  };
}
