"use client";

import { useState } from "react";
import type { Locale } from "@/lib/courses/content-schema";
import "./globals.css";
import { documentLocale } from "./_components/document-locale";
import ErrorPage from "./[locale]/error";

/**
 * When even the site's frame (which reads the signed-in user) cannot render: the same self-retrying page, in its own
 * document. That document replaces the one whose <html lang> said the language, so it is read on the first render
 * (in the browser; rendered on the server after the frame itself failed, nothing says the language and it is English).
 */
export default function GlobalError({ error, reset }: { error: Error; reset: () => void }) {
  const [locale] = useState<Locale>(documentLocale);
  return (
    <html lang={locale}>
      <body>
        <main id="main" style={{ maxWidth: "46rem", margin: "2rem auto", padding: "0 1rem" }}>
          <ErrorPage error={error} reset={reset} />
        </main>
      </body>
    </html>
  );
}
