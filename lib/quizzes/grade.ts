// Pure grading: reading a learner's raw form answers into responses, and scoring them against
// the stored answers. No database here, so every rule is unit-tested directly.
import type { QuestionKind } from "../generated/prisma/enums";
import type { QuestionResponse, StoredAnswer } from "./question-data";

export interface GradableQuestion {
  id: string;
  kind: QuestionKind;
  points: number;
  choiceIds: string[];
  answer: StoredAnswer;
}

/** What one form field may carry: a choice id, several, or the typed text of a number. */
export type RawAnswer = string | number | string[];

/** What can be wrong with one answer; lib/i18n/messages.ts words each for the learner. */
export type AnswerProblem = "one_number" | "not_finite" | "comma" | "not_a_number" | "unknown_choice" | "one_choice";

export type ParsedAnswer = { response: QuestionResponse } | { isBlank: true } | { error: AnswerProblem };

/** Reads one raw form answer for `question`, or names what is wrong with it. */
export function parseAnswer(
  question: Pick<GradableQuestion, "kind" | "choiceIds">,
  raw: RawAnswer | undefined,
): ParsedAnswer {
  if (question.kind === "NUMERIC") {
    if (raw === undefined || Array.isArray(raw))
      return raw === undefined || raw.length === 0 ? { isBlank: true } : { error: "one_number" };
    if (typeof raw === "number") return Number.isFinite(raw) ? { response: { value: raw } } : { error: "not_finite" };
    // Thin spaces and underscores group digits ("60 000"); a comma is refused, since it means
    // a decimal point in some languages and a thousands separator in others.
    const text = raw
      .trim()
      .replace(/[\s_\u202f]/g, "")
      .replace(/^\u2212/, "-");
    if (text === "") return { isBlank: true };
    if (text.includes(",")) return { error: "comma" };
    if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(text)) return { error: "not_a_number" };
    return { response: { value: Number(text) } };
  }
  const picked = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  const unique = [...new Set(picked)];
  if (unique.length === 0) return { isBlank: true };
  if (unique.some((id) => !question.choiceIds.includes(id))) return { error: "unknown_choice" };
  if (question.kind === "SINGLE" && unique.length > 1) return { error: "one_choice" };
  return { response: { choices: unique } };
}

/** The readable answers among `raw`: what counts when time ran out, where nothing can be corrected any more. */
export function readableResponses(
  questions: Pick<GradableQuestion, "id" | "kind" | "choiceIds">[],
  raw: Record<string, RawAnswer>,
): Record<string, QuestionResponse> {
  const responses: Record<string, QuestionResponse> = {};
  for (const question of questions) {
    const parsed = parseAnswer(question, raw[question.id]);
    if ("response" in parsed) responses[question.id] = parsed.response;
  }
  return responses;
}

// Floating-point answers like 0.1 + 0.2 must match 0.3 even with zero tolerance.
const EPSILON = 1e-9;

export function isCorrect(answer: StoredAnswer, response: QuestionResponse | undefined): boolean {
  if (!response) return false;
  if ("value" in answer)
    return "value" in response && Math.abs(response.value - answer.value) <= answer.tolerance + EPSILON;
  if (!("choices" in response)) return false;
  const expected = new Set(answer.choices);
  const given = new Set(response.choices);
  // MULTIPLE is all or nothing: exactly the right set, no partial credit for a guess-everything.
  return expected.size === given.size && [...given].every((id) => expected.has(id));
}

export interface GradeResult {
  score: number;
  maxScore: number;
  percent: number;
  isPassed: boolean;
  correctIds: string[];
}

export function gradeResponses(
  questions: GradableQuestion[],
  responses: Record<string, QuestionResponse>,
  passPercent: number,
): GradeResult {
  let score = 0;
  let maxScore = 0;
  const correctIds: string[] = [];
  for (const question of questions) {
    maxScore += question.points;
    if (isCorrect(question.answer, responses[question.id])) {
      score += question.points;
      correctIds.push(question.id);
    }
  }
  const percent = maxScore === 0 ? 0 : (score / maxScore) * 100;
  return { score, maxScore, percent, isPassed: percent + EPSILON >= passPercent, correctIds };
}
