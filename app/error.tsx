"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p>The page could not be loaded. This is on our side, not yours; it is usually temporary.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </>
  );
}
