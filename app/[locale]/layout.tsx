import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { hasLocale, NextIntlClientProvider } from "next-intl";
import { setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth";
import { Link } from "@/lib/i18n/navigation";
import { routing } from "@/lib/i18n/routing";
import { siteMessagesFor } from "@/lib/i18n/site-messages";
import { SHARED_RENDER_HEADER } from "@/lib/page-cache/shared-page-marker";
import { AccountNav } from "@/app/_components/account-nav";
import { countUnreadNotifications } from "@/lib/review/count-unread-notifications";
import { LanguageSwitch } from "@/app/_components/language-switch";
import "@/app/globals.css";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = siteMessagesFor(hasLocale(routing.locales, locale) ? locale : routing.defaultLocale);
  return { title: { default: "Gradient", template: "%s · Gradient" }, description: t.home.description };
}

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  // A rendering the web server will share between readers leaves the account out of the header;
  // each copy it serves brings the reader's own (app/_components/account-nav.tsx).
  const isSharedRender = (await headers()).get(SHARED_RENDER_HEADER) === "1";
  const user = isSharedRender ? null : await getCurrentUser();
  const unreadNotifications = user ? await countUnreadNotifications({ viewer: user }) : 0;
  const t = siteMessagesFor(locale);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider locale={locale} messages={null} timeZone="UTC">
          <a className="skip-link" href="#main">
            {t.skipLink}
          </a>
          <header className="site-header">
            <nav aria-label={t.mainNav}>
              <Link href="/" className="brand">
                Gradient
              </Link>
              <LanguageSwitch />
              <AccountNav
                account={isSharedRender ? "from-page" : user && { name: user.name, role: user.role }}
                locale={locale}
                unreadNotifications={unreadNotifications}
              />
            </nav>
          </header>
          <main id="main">{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
