import { Link } from "@/lib/i18n/navigation";

interface PaginationProps {
  page: number;
  pageCount: number;
  /** The address of page `page`, keeping the current filters. */
  hrefFor: (page: number) => string;
}

export function Pagination({ page, pageCount, hrefFor }: PaginationProps) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" style={{ display: "flex", gap: "1rem", alignItems: "center", marginTop: "1rem" }}>
      {page > 1 ? <Link href={hrefFor(page - 1)}>← Newer</Link> : <span className="muted">← Newer</span>}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <Link href={hrefFor(page + 1)}>Older →</Link> : <span className="muted">Older →</span>}
    </nav>
  );
}
