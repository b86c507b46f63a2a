import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth";
import { getLocale } from "@/lib/i18n/locale";
import { LanguageSwitch } from "./_components/language-switch";
import { SignOutButton } from "./_components/sign-out-button";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gradient", template: "%s · Gradient" },
  description: "Learn machine learning with TensorFlow.js, get your models graded, earn a verifiable certificate.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, locale] = await Promise.all([getCurrentUser(), getLocale()]);
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <header className="site-header">
          <nav aria-label="Main">
            <Link href="/" className="brand">Gradient</Link>
            <LanguageSwitch />
            {user ? (
              <>
                <Link href="/dashboard">Dashboard</Link>
                {user.role !== "LEARNER" && <Link href="/instructor">Instructor</Link>}
                {user.role === "ADMIN" && <Link href="/admin">Admin</Link>}
                <Link href="/account/tokens">Tokens</Link>
                <span className="muted" data-testid="signed-in-as">{user.name}</span>
                <SignOutButton />
              </>
            ) : (
              <>
                <Link href="/sign-in">Sign in</Link>
                <Link href="/sign-up" className="button">Sign up</Link>
              </>
            )}
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
