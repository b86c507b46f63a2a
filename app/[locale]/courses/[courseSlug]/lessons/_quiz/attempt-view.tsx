import type { ReactNode } from "react";
import { Markdown } from "@/app/_components/markdown";
import type { Locale } from "@/lib/courses/content-schema";
import { formatPercent, formatUtc, messagesFor } from "@/lib/i18n/messages";
import type { AttemptView as Attempt, QuestionResultView } from "@/lib/quizzes/get-attempt";
import type { QuestionResponse } from "@/lib/quizzes/question-data";
import { AttemptForm } from "./attempt-form";
import { Link } from "@/lib/i18n/navigation";

interface AttemptViewProps {
  attempt: Attempt;
  locale: Locale;
  /** Where "back" goes: the lesson, or the exam page. */
  back: { href: string; label: string };
  /** Shown under a submitted attempt, e.g. a button to take the quiz again. */
  after?: ReactNode;
}

function choiceTexts(question: QuestionResultView, ids: string[]): ReactNode {
  return ids.map((id, index) => {
    const text = question.choices.find((choice) => choice.id === id)?.text ?? id;
    return (
      <span key={id}>
        {index > 0 && "; "}
        <Markdown source={text} isInline />
      </span>
    );
  });
}

function responseText(question: QuestionResultView, response: QuestionResponse | null, noAnswer: string): ReactNode {
  if (!response) return <em>{noAnswer}</em>;
  return "value" in response ? String(response.value) : choiceTexts(question, response.choices);
}

/** One attempt: the questions to answer while it is open, the graded result once submitted. */
export function AttemptView({ attempt, locale, back, after }: AttemptViewProps) {
  const t = messagesFor(locale).quiz;
  const total = attempt.questions.length;

  if (attempt.isOpen) {
    return (
      <>
        {attempt.deadlineAt && <p className="muted">{t.deadlineInfo(formatUtc(attempt.deadlineAt))}</p>}
        <AttemptForm
          attemptId={attempt.id}
          draft={attempt.draft}
          timing={
            attempt.deadlineAt
              ? { deadlineAt: attempt.deadlineAt.toISOString(), serverNow: new Date().toISOString() }
              : null
          }
          questions={attempt.questions.map((question) => ({
            id: question.id,
            kind: question.kind,
            pointsLabel: t.points(question.points),
            prompt: <Markdown source={question.prompt} />,
            choices: question.choices.map((choice) => ({
              id: choice.id,
              label: <Markdown source={choice.text} isInline />,
            })),
          }))}
          labels={{
            question: attempt.questions.map((_, index) => t.question(index + 1, total)),
            pickOne: t.pickOne,
            pickAll: t.pickAll,
            typeNumber: t.typeNumber,
            numberLabel: t.numberLabel,
            submit: t.submit,
            submitting: t.submitting,
            submitFailed: t.submitFailed,
            timeLeft: t.timeLeft,
            timeUp: t.timeUp,
            saving: t.saving,
            saved: t.saved,
            saveFailed: t.saveFailed,
          }}
        />
        <p>
          <Link href={back.href}>{back.label}</Link>
        </p>
      </>
    );
  }

  const answeredCount = attempt.questions.filter((question) => question.response !== null).length;
  return (
    <>
      <section className={`card score-card ${attempt.isPassed ? "passed" : "failed"}`} aria-labelledby="score-heading">
        <h2 id="score-heading" style={{ marginTop: 0 }}>
          <span className={`badge ${attempt.isPassed ? "passed" : "failed"}`} data-testid="attempt-outcome">
            {attempt.isPassed ? t.passed : t.failed}
          </span>
        </h2>
        <p data-testid="attempt-score">{t.score(attempt.score, attempt.maxScore, formatPercent(attempt.percent))}</p>
        <p className="muted">{t.passMark(attempt.quiz.passPercent)}</p>
        {attempt.deadlineAt && answeredCount === 0 && <p className="muted">{t.lateNotice}</p>}
        {!attempt.isKeyShown && (
          <p className="muted" data-testid="key-hidden">
            {t.keyHidden}
          </p>
        )}
      </section>
      {after}
      {attempt.questions.map((question, index) => (
        <section
          key={question.id}
          className={`question question-result ${question.isCorrect ? "correct" : "incorrect"}`}
          data-testid="question-result"
        >
          <p style={{ margin: 0 }}>
            <strong>{t.question(index + 1, total)}</strong> ·{" "}
            <span className={`badge ${question.isCorrect ? "passed" : "failed"}`}>
              {question.isCorrect ? t.correct : t.incorrect}
            </span>
          </p>
          <div className="prompt">
            <Markdown source={question.prompt} />
          </div>
          <dl>
            <dt>{t.yourAnswer}</dt>
            <dd>{responseText(question, question.response, t.noAnswer)}</dd>
            {question.answer && (
              <>
                <dt>{t.correctAnswer}</dt>
                <dd data-testid="correct-answer">
                  {"value" in question.answer ? (
                    <>
                      {question.answer.value}{" "}
                      {question.answer.tolerance > 0 && (
                        <span className="muted">{t.tolerance(question.answer.tolerance)}</span>
                      )}
                    </>
                  ) : (
                    choiceTexts(question, question.answer.choices)
                  )}
                </dd>
              </>
            )}
            <dt>{t.explanation}</dt>
            <dd>
              <Markdown source={question.explanation} />
            </dd>
          </dl>
        </section>
      ))}
      <p>
        <Link href={back.href}>{back.label}</Link>
      </p>
    </>
  );
}
