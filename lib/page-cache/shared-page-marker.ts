// How a page and the web server in front of Next agree on sharing (web-server/index.ts). Free of
// Next.js and of the database, so both sides can import it.
import { z } from "zod";
import { Role } from "../generated/prisma/enums";

/**
 * The <meta> a page renders (as metadata `other`) when its HTML holds nothing of the viewer's own.
 * The web server keeps only renderings that carry it: the page, not a list of routes, decides.
 */
export const SHARED_PAGE_META = { "gradient-shared-page": "yes" } as const;
export const SHARED_PAGE_MARKER = 'name="gradient-shared-page"';

/**
 * Sent by the web server when it asks Next for the rendering it will share: the layout then leaves
 * the signed-in account out of the header. Anyone may send it; they only get a header without
 * their own name.
 */
export const SHARED_RENDER_HEADER = "x-gradient-shared-render";

/** The element the web server adds to each shared copy it serves a signed-in reader, holding their account. */
export const ACCOUNT_ELEMENT_ID = "gradient-account";

export const PageAccountSchema = z.object({
  /** Shown in the header. */
  name: z.string(),
  /** Decides which areas the header links to. */
  role: z.enum(Role),
});
export type PageAccount = z.infer<typeof PageAccountSchema>;

/** The account as a <script type="application/json"> element, escaped so no text in it can end the element. */
export function accountElement(account: PageAccount): string {
  const json = JSON.stringify(PageAccountSchema.parse(account)).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `<script id="${ACCOUNT_ELEMENT_ID}" type="application/json">${json}</script>`;
}
