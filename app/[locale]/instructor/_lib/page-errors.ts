// lib/ throws typed errors; a page turns "not yours" into the 403 page and "no such thing" into
// the 404 page, and lets anything else reach the error boundary.
import { forbidden, notFound } from "next/navigation";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

export async function orPageError<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}

/** The first value of a search parameter, as the filter schemas expect. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
}

export function formatDateTime(date: Date | null | undefined): string {
  return date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—";
}
