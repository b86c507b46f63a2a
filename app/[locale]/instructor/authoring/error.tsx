"use client";

export default function AuthoringError({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <h1>The editor could not be loaded</h1>
      <p>
        Something went wrong on our side while reading the course. Nothing you saved is lost; try again in a moment.
      </p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </>
  );
}
