// revalidatePath for a page written without its locale: the page lives once per language.
import { revalidatePath } from "next/cache";
import { LOCALES } from "../courses/content-schema";

export function revalidateLocalizedPath(path: string, type?: "layout" | "page"): void {
  for (const locale of LOCALES) revalidatePath(`/${locale}${path === "/" ? "" : path}`, type);
}
