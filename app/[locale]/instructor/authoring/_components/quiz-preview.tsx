"use client";

import { parse as parseYaml } from "yaml";
import {
  DEFAULT_COOLDOWN_MINUTES,
  DEFAULT_MAX_ATTEMPTS,
  QuizFileSchema,
  type Question,
  type Locale,
} from "@/lib/courses/content-schema";
import type { AuthoringMessages } from "@/lib/i18n/authoring-messages";
import { CodeText } from "@/app/_components/code-text";

/** What a quiz file's questions look like, shown under every quiz textarea. */
export function QuestionHint({ words }: { words: AuthoringMessages["questions"] }) {
  return <CodeText text={words.hint(DEFAULT_MAX_ATTEMPTS, DEFAULT_COOLDOWN_MINUTES)} />;
}

function answerText(question: Question): string {
  if (question.kind === "numeric")
    return `${question.answer}${question.tolerance > 0 ? ` ± ${question.tolerance}` : ""}`;
  return question.kind === "single" ? question.answer : question.answer.join(", ");
}

/**
 * The questions as a learner reading `locale` meets them (the author's text is marked as content, not the page's), with the answers marked, for a quiz file that parses; with
 * `showsRules`, a lesson quiz's attempt rules above them (a question bank's come from exam.yaml).
 */
export function QuizPreview({
  source,
  locale,
  words,
  showsRules = false,
}: {
  source: string;
  locale: Locale;
  words: AuthoringMessages["preview"];
  showsRules?: boolean;
}) {
  let result: ReturnType<typeof QuizFileSchema.safeParse>;
  try {
    result = QuizFileSchema.safeParse(parseYaml(source));
  } catch {
    return <p className="muted">{words.invalidYaml}</p>;
  }
  if (!result.success) return <p className="muted">{words.invalidSchema}</p>;
  const questions: Question[] = result.data.questions;
  const groups = new Set(questions.map((question) => question.group ?? `#${question.id}`)).size;
  return (
    // It scrolls on a narrow screen, so the keyboard must be able to reach it.
    <div className="authoring-preview card" tabIndex={0}>
      {showsRules && (
        <p className="muted" data-testid="quiz-rules-preview">
          {words.rules(groups, result.data.passPercent, result.data.maxAttempts, result.data.cooldownMinutes)}
        </p>
      )}
      <ol aria-label={words.label}>
        {questions.map((question) => (
          <li key={question.id} style={{ marginBottom: "0.8rem" }}>
            <strong translate="no">{question.prompt[locale]}</strong>{" "}
            <span className="muted">
              ({words.kinds[question.kind]}, {words.points(question.points)}
              {question.group && <CodeText text={words.variantOf(question.group)} />})
            </span>
            {question.kind !== "numeric" && (
              <ul>
                {question.choices.map((choice) => {
                  const isCorrect =
                    question.kind === "single" ? question.answer === choice.id : question.answer.includes(choice.id);
                  return (
                    <li key={choice.id}>
                      <span translate="no">{choice.id}</span>. <span translate="no">{choice.text[locale]}</span>{" "}
                      {isCorrect && <span aria-label={words.correct}>✓</span>}
                    </li>
                  );
                })}
              </ul>
            )}
            <div className="muted">
              {words.answer} <span translate="no">{answerText(question)}</span>.{" "}
              <span translate="no">{question.explanation[locale]}</span>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
