"use client";

import { useEffect, useState } from "react";
import { useRouter } from "@/lib/i18n/navigation";

const RETRY_SECONDS = 5;

/**
 * Shown when a page cannot be rendered, most often because Postgres or Redis is briefly away
 * (a restart, a failover). It says so and retries by itself, so the page comes back without the
 * reader doing anything once the service does.
 */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const router = useRouter();
  const [secondsLeft, setSecondsLeft] = useState(RETRY_SECONDS);

  useEffect(() => {
    const timer = setInterval(() => {
      setSecondsLeft((left) => {
        if (left > 1) return left - 1;
        router.refresh();
        reset();
        return RETRY_SECONDS;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [reset, router]);

  return (
    <>
      <h1>Temporarily unavailable</h1>
      <p>
        This page could not be loaded because part of Gradient is briefly unavailable. This is on our side, not yours,
        and nothing you submitted is lost.
      </p>
      <p className="muted" role="status">
        Trying again in {secondsLeft} s…
      </p>
      <button
        type="button"
        className="button"
        onClick={() => {
          router.refresh();
          reset();
        }}
      >
        Try again now
      </button>
    </>
  );
}
