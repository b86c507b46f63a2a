"use client";

import { parse as parseYaml } from "yaml";
import {
  DEFAULT_COOLDOWN_MINUTES,
  DEFAULT_MAX_ATTEMPTS,
  QuizFileSchema,
  type Question,
} from "@/lib/courses/content-schema";

/** What a quiz file's questions look like, shown under every quiz textarea. */
export const QUESTION_HINT =
  "Each question has an id, a kind (single, multiple or numeric), a prompt and an explanation in en and zh-CN, " +
  "choices with ids for single and multiple, " +
  "and the answer: a choice id, a list of ids, or a number with an optional tolerance. " +
  "Questions sharing a group are variants: each attempt draws one of them. " +
  `A lesson quiz may set maxAttempts (default ${DEFAULT_MAX_ATTEMPTS}) and cooldownMinutes between attempts ` +
  `(default ${DEFAULT_COOLDOWN_MINUTES}).`;

function answerText(question: Question): string {
  if (question.kind === "numeric")
    return `${question.answer}${question.tolerance > 0 ? ` ± ${question.tolerance}` : ""}`;
  return question.kind === "single" ? question.answer : question.answer.join(", ");
}

/**
 * The questions as a learner meets them (English), with the answers marked, for a quiz file that parses; with
 * `showsRules`, a lesson quiz's attempt rules above them (a question bank's come from exam.yaml).
 */
export function QuizPreview({ source, showsRules = false }: { source: string; showsRules?: boolean }) {
  let result: ReturnType<typeof QuizFileSchema.safeParse>;
  try {
    result = QuizFileSchema.safeParse(parseYaml(source));
  } catch {
    return <p className="muted">The preview shows once the file is valid YAML.</p>;
  }
  if (!result.success) return <p className="muted">The preview shows once the file matches the schema.</p>;
  const questions: Question[] = result.data.questions;
  const groups = new Set(questions.map((question) => question.group ?? `#${question.id}`)).size;
  return (
    <div className="authoring-preview card">
      {showsRules && (
        <p className="muted" data-testid="quiz-rules-preview">
          {groups} questions per attempt, {result.data.passPercent}% to pass, {result.data.maxAttempts} attempts,{" "}
          {result.data.cooldownMinutes} minutes between attempts.
        </p>
      )}
      <ol aria-label="Preview of the questions">
        {questions.map((question) => (
          <li key={question.id} style={{ marginBottom: "0.8rem" }}>
            <strong>{question.prompt.en}</strong>{" "}
            <span className="muted">
              ({question.kind}, {question.points} pt{question.group ? `, variant of ${question.group}` : ""})
            </span>
            {question.kind !== "numeric" && (
              <ul>
                {question.choices.map((choice) => {
                  const isCorrect =
                    question.kind === "single" ? question.answer === choice.id : question.answer.includes(choice.id);
                  return (
                    <li key={choice.id}>
                      {choice.id}. {choice.text.en} {isCorrect && <span aria-label="correct">✓</span>}
                    </li>
                  );
                })}
              </ul>
            )}
            <div className="muted">
              Answer: {answerText(question)}. {question.explanation.en}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
