import type { ReactNode } from "react";
import { siteMessagesFor } from "@/lib/i18n/site-messages";
import { documentLocale } from "./document-locale";

interface SubmitButtonProps {
  /** A save is under way: the button is disabled and says so with `pendingLabel`. */
  isPending: boolean;
  /** Without one, "Saving…" in the page's language: a save is under way only in the browser. */
  pendingLabel?: string;
  /** Disabled for another reason than a save under way (a deadline passed, grading still running). */
  isDisabled?: boolean;
  className?: string;
  children: ReactNode;
}

/** A form's submit button, which cannot be pressed twice while its save is under way. */
export function SubmitButton({
  isPending,
  pendingLabel,
  isDisabled = false,
  className = "button",
  children,
}: SubmitButtonProps) {
  return (
    <button type="submit" className={className} disabled={isPending || isDisabled}>
      {isPending ? (pendingLabel ?? siteMessagesFor(documentLocale()).form.saving) : children}
    </button>
  );
}
