"use client";

import { useEffect } from "react";

/**
 * Sets the tab's title from a page that has no metadata of its own (not-found, forbidden): there,
 * Next keeps the root layout's default title, which a <title> rendered in the page does not precede.
 */
export function DocumentTitle({ title }: { title: string }) {
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}
