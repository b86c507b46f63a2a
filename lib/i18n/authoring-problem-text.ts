// lib/authoring refuses in English (its tests and the English pages read those words as they are);
// a reader of another language gets each known refusal worded from the authoring catalogue instead.
import type { Locale } from "../courses/content-schema";
import { authoringMessagesFor, type AuthoringMessages } from "./authoring-messages";
import { type RefusalMessages, translatedRefusal } from "./translated-refusal";

type ProblemKey = keyof AuthoringMessages["problems"];

/** Each refusal lib/authoring and the authoring actions word in English, by its key in the catalogue. */
const KEY_OF_ENGLISH: ReadonlyMap<string, ProblemKey> = new Map(
  Object.entries(authoringMessagesFor("en").problems).map(([key, text]) => [text, key as ProblemKey]),
);

/** `text` in `locale` when it is a refusal the catalogue knows; otherwise (a schema's own finding) as it is. */
export function authoringProblemText(text: string, locale: Locale): string {
  const key = KEY_OF_ENGLISH.get(text);
  return key ? authoringMessagesFor(locale).problems[key] : text;
}

/** A refusal's message and every field's messages in `locale`. */
export function authoringProblemsIn(locale: Locale, refusal: RefusalMessages): RefusalMessages {
  return translatedRefusal(refusal, (text) => authoringProblemText(text, locale));
}
