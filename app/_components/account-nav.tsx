"use client";

// The header's account links. Most pages render them on the server; a page the web server shares
// between readers is rendered without them, and each copy it serves carries the reader's account
// in an element of its own (lib/page-cache/shared-page-marker.ts), read here once the page runs.
import { useEffect, useState } from "react";
import type { Locale } from "@/lib/courses/content-schema";
import { siteMessagesFor } from "@/lib/i18n/site-messages";
import { ACCOUNT_ELEMENT_ID, PageAccountSchema, type PageAccount } from "@/lib/page-cache/shared-page-marker";
import { SignOutButton } from "./sign-out-button";
import { NotificationsLink } from "./notifications-link";
import { Link } from "@/lib/i18n/navigation";

/** The reader's account from the element the web server added, or null for a page without one. */
function accountFromPage(): PageAccount | null {
  const text = document.getElementById(ACCOUNT_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    const parsed = PageAccountSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** `account`: the signed-in account, null for a stranger, or "from-page" on a shared page. */
export function AccountNav({
  account,
  locale,
  unreadNotifications = 0,
}: {
  account: PageAccount | null | "from-page";
  locale: Locale;
  /** Notifications not opened yet (0 on a shared page, which cannot know). */
  unreadNotifications?: number;
}) {
  const t = siteMessagesFor(locale).nav;
  const [fromPage, setFromPage] = useState<PageAccount | null | undefined>(undefined);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the page's account is readable only after hydration
    if (account === "from-page") setFromPage(accountFromPage());
  }, [account]);
  const shown = account === "from-page" ? fromPage : account;
  // Until the page has run, nothing: a sign-in link there would flash at a signed-in reader.
  if (shown === undefined) return null;
  if (shown === null) {
    return (
      <>
        <Link href="/sign-in">{t.signIn}</Link>
        <Link href="/sign-up" className="button">
          {t.signUp}
        </Link>
      </>
    );
  }
  return (
    <>
      <Link href="/dashboard">{t.dashboard}</Link>
      {shown.role !== "LEARNER" && <Link href="/instructor">{t.instructor}</Link>}
      {shown.role === "ADMIN" && <Link href="/admin">{t.admin}</Link>}
      <Link href="/account/tokens">{t.tokens}</Link>
      <Link href="/account/apps">{t.apps}</Link>
      <NotificationsLink count={unreadNotifications} locale={locale} />
      <span className="muted" data-testid="signed-in-as">
        {shown.name}
      </span>
      <SignOutButton label={t.signOut} pendingLabel={t.signingOut} />
    </>
  );
}
