"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { enrolAction } from "./enrol-action";

interface EnrolButtonProps {
  courseSlug: string;
  labels: { enrol: string; enrolling: string; failed: string };
}

export function EnrolButton({ courseSlug, labels }: EnrolButtonProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onClick() {
    setIsPending(true);
    setError(null);
    try {
      const result = await enrolAction(courseSlug);
      if (!result.isOk) {
        setError(result.message);
        return;
      }
      router.refresh();
    } catch {
      setError(labels.failed);
    } finally {
      setIsPending(false);
    }
  }

  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="button" onClick={onClick} disabled={isPending}>
        {isPending ? labels.enrolling : labels.enrol}
      </button>
    </>
  );
}
