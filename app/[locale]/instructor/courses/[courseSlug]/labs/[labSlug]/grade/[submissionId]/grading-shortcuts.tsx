"use client";

import { useEffect } from "react";
import { useRouter } from "@/lib/i18n/navigation";

/** Whether a key press belongs to a field being typed in, where a shortcut must not fire. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** j: next learner, k: previous learner, a: save the rubric form (`formId`); never while typing in a field. */
export function GradingShortcuts({
  nextHref,
  previousHref,
  formId,
}: {
  nextHref: string | null;
  previousHref: string | null;
  formId: string;
}) {
  const router = useRouter();
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (event.key === "j" && nextHref) router.push(nextHref);
      else if (event.key === "k" && previousHref) router.push(previousHref);
      else if (event.key === "a") {
        const form = document.getElementById(formId);
        if (form instanceof HTMLFormElement) form.requestSubmit();
      } else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [nextHref, previousHref, formId, router]);
  return null;
}
