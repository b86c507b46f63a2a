import type { ReactNode } from "react";

interface SubmitButtonProps {
  /** A save is under way: the button is disabled and says so with `pendingLabel`. */
  isPending: boolean;
  pendingLabel?: string;
  /** Disabled for another reason than a save under way (a deadline passed, grading still running). */
  isDisabled?: boolean;
  className?: string;
  children: ReactNode;
}

/** A form's submit button, which cannot be pressed twice while its save is under way. */
export function SubmitButton({
  isPending,
  pendingLabel = "Saving…",
  isDisabled = false,
  className = "button",
  children,
}: SubmitButtonProps) {
  return (
    <button type="submit" className={className} disabled={isPending || isDisabled}>
      {isPending ? pendingLabel : children}
    </button>
  );
}
