"use client";

export default function InstructorError({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <h1>This page could not be loaded</h1>
      <p>Something went wrong on our side while reading the course. It is usually temporary.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </>
  );
}
