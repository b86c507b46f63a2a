import type { Locale } from "@/lib/courses/content-schema";
import { formatUtc, messagesFor } from "@/lib/i18n/messages";

export type StartBlockShown =
  { kind: "passed" } | { kind: "used_up"; maxAttempts: number } | { kind: "cooling_down"; opensAt: Date };

/** Why there is no start button: the quiz passed, its attempts used, or the cool-down not over (and until when). */
export function StartBlockNotice({ block, locale }: { block: StartBlockShown; locale: Locale }) {
  const t = messagesFor(locale).quiz;
  const text =
    block.kind === "passed"
      ? t.alreadyPassed
      : block.kind === "used_up"
        ? t.usedUp(block.maxAttempts)
        : t.coolingDown(formatUtc(block.opensAt));
  return (
    <p data-testid="start-block">
      <strong>{text}</strong>
    </p>
  );
}
