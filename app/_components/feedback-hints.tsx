// The hints a result below the threshold gets (lib/submissions/feedback-hints.ts), in the reader's
// language: shown by the live view once a run ends, and so on the result page.
import type { MetricSpec } from "@/lib/assignments/spec-schema";
import type { Locale } from "@/lib/courses/content-schema";
import { feedbackMessagesFor } from "@/lib/i18n/feedback-messages";
import type { FeedbackHint } from "@/lib/submissions/feedback-hints";
import { formatMetric } from "@/lib/submissions/format";

interface FeedbackHintsProps {
  hints: readonly FeedbackHint[];
  metric: Pick<MetricSpec, "name">;
  locale: Locale;
}

const loss = (value: number) => value.toPrecision(3);

function hintText(hint: FeedbackHint, metric: Pick<MetricSpec, "name">, locale: Locale): string {
  const text = feedbackMessagesFor(locale).hints;
  switch (hint.kind) {
    case "epochs":
      return `${text.epochs(hint.used, hint.allowed)}${hint.isEarlyStop ? ` ${text.epochsEarly}` : ""}`;
    case "time":
      return `${text.time(hint.usedSeconds.toFixed(1), hint.allowedSeconds)}${hint.isOutOfTime ? ` ${text.timeOut}` : ""}`;
    case "overfitting":
      return text.overfitting(formatMetric(metric.name, hint.training), formatMetric(metric.name, hint.heldOut));
    case "loss_flat":
      return text.lossFlat(loss(hint.first), loss(hint.last));
    case "loss_rose":
      return text.lossRose(loss(hint.first), loss(hint.last));
    case "loss_not_finite":
      return text.lossNotFinite;
  }
}

export function FeedbackHints({ hints, metric, locale }: FeedbackHintsProps) {
  if (hints.length === 0) return null;
  return (
    <section className="card" data-testid="feedback-hints" aria-labelledby="feedback-hints-heading">
      <h2 id="feedback-hints-heading">{feedbackMessagesFor(locale).hintsHeading}</h2>
      <ul>
        {hints.map((hint) => (
          <li key={hint.kind} data-hint={hint.kind}>
            {hintText(hint, metric, locale)}
          </li>
        ))}
      </ul>
    </section>
  );
}
