import type { Locale } from "@/lib/courses/content-schema";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { Link } from "@/lib/i18n/navigation";

interface PaginationProps {
  page: number;
  pageCount: number;
  /** The address of page `page`, keeping the current filters. */
  hrefFor: (page: number) => string;
  locale: Locale;
}

export function Pagination({ page, pageCount, hrefFor, locale }: PaginationProps) {
  if (pageCount <= 1) return null;
  const t = staffMessagesFor(locale).common;
  return (
    <nav aria-label={t.pages} style={{ display: "flex", gap: "1rem", alignItems: "center", marginTop: "1rem" }}>
      {page > 1 ? <Link href={hrefFor(page - 1)}>{t.newer}</Link> : <span className="muted">{t.newer}</span>}
      <span>{t.pageOf(page, pageCount)}</span>
      {page < pageCount ? <Link href={hrefFor(page + 1)}>{t.older}</Link> : <span className="muted">{t.older}</span>}
    </nav>
  );
}
