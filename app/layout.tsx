import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth";
import { getLocale } from "@/lib/i18n/locale";
import { SHARED_RENDER_HEADER } from "@/lib/page-cache/shared-page-marker";
import { AccountNav } from "./_components/account-nav";
import { LanguageSwitch } from "./_components/language-switch";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gradient", template: "%s · Gradient" },
  description: "Learn machine learning with TensorFlow.js, get your models graded, earn a verifiable certificate.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // A rendering the web server will share between readers leaves the account out of the header;
  // each copy it serves brings the reader's own (app/_components/account-nav.tsx).
  const isSharedRender = (await headers()).get(SHARED_RENDER_HEADER) === "1";
  const [user, locale] = await Promise.all([isSharedRender ? null : getCurrentUser(), getLocale()]);
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <nav aria-label="Main">
            <Link href="/" className="brand">
              Gradient
            </Link>
            <LanguageSwitch />
            <AccountNav account={isSharedRender ? "from-page" : user && { name: user.name, role: user.role }} />
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
