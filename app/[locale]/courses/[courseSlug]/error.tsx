"use client";

// Error boundaries render in the browser, where the language cookie (httpOnly) cannot be read,
// so the message is given in both languages.
export default function CourseError({ reset }: { error: Error; reset: () => void }) {
  return (
    <section role="alert">
      <h1>This page could not be loaded · 页面无法加载</h1>
      <p>Something went wrong on our side; it is usually temporary. · 我们这边出了点问题，通常很快就会恢复。</p>
      <button type="button" className="button" onClick={reset}>
        Try again · 重试
      </button>
    </section>
  );
}
