"use client";

import "./globals.css";
import ErrorPage from "./[locale]/error";

/**
 * When even the site's frame (which reads the signed-in user) cannot render: the same self-retrying page, in its own
 * document.
 */
export default function GlobalError({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="main" style={{ maxWidth: "46rem", margin: "2rem auto", padding: "0 1rem" }}>
          <ErrorPage error={error} reset={reset} />
        </main>
      </body>
    </html>
  );
}
