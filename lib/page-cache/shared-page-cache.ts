// Pages that look the same to everyone they are shown to, kept by the web server in front of Next
// (scripts/web-server.ts) so a crowd opening one certificate's verify page, or one lesson, costs
// one render rather than one per reader. What keeps a kept page correct:
// - the page decides: only renderings carrying its "shared" marker are kept
//   (lib/page-cache/shared-page-marker.ts), and the web server asks for them itself, with a header
//   that makes the layout leave the reader's account out;
// - only plain document requests qualify (not client-side navigations, no query string), from
//   strangers for a verify page and from signed-in readers for a lesson;
// - the key holds the language the page was rendered in and a version that triggers in Postgres
//   bump on any change to what such pages show (CacheVersion), read on every request, so a
//   revocation or an edited lesson shows on the very next view from any server;
// - every copy served gets a script nonce of its own, in the policy header and in the page, and a
//   signed-in reader's copy gets their account (name and role, for the header) added.
import { LOCALE_COOKIE } from "../i18n/locale-choice";
import { nonceOfPolicy } from "../http/content-security-policy";
import { SHARED_PAGE_MARKER, SHARED_RENDER_HEADER } from "./shared-page-marker";

/** A kept page is served for at most this long, whatever its version says. */
export const SHARED_PAGE_TTL_MS = 60_000;
/** Memory one web process spends on kept pages by default; the oldest go first. */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** A page larger than this is not kept. */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/** What a version counts changes of: the scope names a CacheVersion row. */
export type SharedPageScope = "certificates" | "content";
/** Who may be served a kept copy: strangers only, or signed-in readers only. */
export type SharedPageAudience = "strangers" | "readers";

const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
const SHARED_ROUTES: { pattern: RegExp; scope: SharedPageScope; audience: SharedPageAudience }[] = [
  // A certificate's public page; the id is a certificate's publicId (base64url).
  { pattern: /^\/verify\/[A-Za-z0-9_-]{1,64}$/, scope: "certificates", audience: "strangers" },
  { pattern: new RegExp(`^/courses/${SLUG}/lessons/${SLUG}$`), scope: "content", audience: "readers" },
];

// next-auth's session cookie, with or without the secure prefix; a chunked one (".0", ".1") is
// left to Next, which knows how to join it.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token$/;
const CHUNKED_SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token\.\d+$/;
// Headers of Next's client-side navigations and prefetches: those ask for a different response.
const NAVIGATION_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url", "purpose"];

export interface RequestFacts {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface SharedPageRequest {
  path: string;
  scope: SharedPageScope;
  audience: SharedPageAudience;
  /** The session cookie (name and value) of a reader; absent for strangers. */
  session?: { name: string; value: string };
  /** The language switch's cookie, if the request carries one. */
  localeCookie?: string;
  acceptLanguage?: string;
}

function cookiesOf(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of Array.isArray(header) ? header : header ? [header] : []) {
    for (const pair of line.split(";")) {
      const at = pair.indexOf("=");
      if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  return cookies;
}

/** A request the shared cache may answer, or null when Next must render it. */
export function sharedPageRequest(request: RequestFacts): SharedPageRequest | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  // The web server's own request for a rendering to share goes to Next.
  if (request.headers[SHARED_RENDER_HEADER] !== undefined) return null;
  const path = request.url ?? "";
  const route = SHARED_ROUTES.find((candidate) => candidate.pattern.test(path));
  if (!route) return null;
  if (NAVIGATION_HEADERS.some((name) => request.headers[name] !== undefined)) return null;
  const cookies = cookiesOf(request.headers.cookie);
  const names = [...cookies.keys()];
  if (names.some((name) => CHUNKED_SESSION_COOKIE.test(name))) return null;
  const sessionName = names.find((name) => SESSION_COOKIE.test(name));
  if ((route.audience === "strangers") !== (sessionName === undefined)) return null;
  const acceptLanguage = request.headers["accept-language"];
  return {
    path,
    scope: route.scope,
    audience: route.audience,
    ...(sessionName ? { session: { name: sessionName, value: cookies.get(sessionName) ?? "" } } : {}),
    ...(cookies.has(LOCALE_COOKIE) ? { localeCookie: cookies.get(LOCALE_COOKIE) } : {}),
    ...(acceptLanguage !== undefined ? { acceptLanguage: Array.isArray(acceptLanguage) ? acceptLanguage.join(",") : acceptLanguage } : {}),
  };
}

export type HeaderValue = string | string[];

/** The key of a page: where, in which language, at which version of what it shows. */
export function sharedPageKey(request: SharedPageRequest, locale: string, version: string): string {
  return `${request.scope}@${version} ${locale} ${request.path}`;
}

/** A rendered page as Next answered it, before it is kept. */
export interface RenderedPage {
  status: number;
  headers: Record<string, HeaderValue | number | undefined>;
  body: Buffer;
}

interface KeptPage {
  headers: [string, HeaderValue][];
  /** The page split at its nonce, so a copy is the parts joined with a fresh one. */
  bodyParts: string[];
  nonce: string;
  bytes: number;
  keptUntil: number;
}

// Hop-by-hop and per-response headers, and the encoding (a kept page is stored uncompressed).
const NOT_KEPT = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);

export class SharedPageCache {
  private readonly pages = new Map<string, KeptPage>();
  private bytes = 0;

  private readonly now: () => number;
  private readonly maxBytes: number;

  constructor(options: { now?: () => number; maxBytes?: number } = {}) {
    this.now = options.now ?? Date.now;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** Keeps the page when it is fit to share; returns whether it did. */
  keep(key: string, page: RenderedPage): boolean {
    if (page.status !== 200 || page.body.length > MAX_PAGE_BYTES) return false;
    if (page.headers["set-cookie"] !== undefined) return false;
    if (!String(page.headers["content-type"] ?? "").startsWith("text/html")) return false;
    const html = page.body.toString("utf8");
    // The page says whether its rendering holds nothing of the viewer's own.
    if (!html.includes(SHARED_PAGE_MARKER)) return false;
    const policy = page.headers["content-security-policy"];
    const nonce = (Array.isArray(policy) ? policy : [String(policy ?? "")]).map(nonceOfPolicy).find((found) => found !== null);
    // Without the nonce the page was rendered with, its copies could not get fresh ones.
    if (!nonce) return false;
    const headers: [string, HeaderValue][] = [];
    for (const [name, value] of Object.entries(page.headers)) {
      if (value === undefined || NOT_KEPT.has(name)) continue;
      headers.push([name, typeof value === "number" ? String(value) : value]);
    }
    const bodyParts = html.split(nonce);
    this.forget(key);
    const kept: KeptPage = { headers, bodyParts, nonce, bytes: page.body.length, keptUntil: this.now() + SHARED_PAGE_TTL_MS };
    this.pages.set(key, kept);
    this.bytes += kept.bytes;
    for (const [oldest] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldest);
    }
    return true;
  }

  /**
   * A copy of the kept page with `nonce` in place of the one it was rendered with, and `headExtra`
   * (markup for this viewer alone) at the start of its <head>; null when there is none to copy.
   */
  copy(key: string, nonce: string, headExtra = ""): { headers: [string, HeaderValue][]; body: Buffer } | null {
    const kept = this.pages.get(key);
    if (!kept) return null;
    if (kept.keptUntil <= this.now()) {
      this.forget(key);
      return null;
    }
    const withNonce = (value: string) => value.split(kept.nonce).join(nonce);
    const html = kept.bodyParts.join(nonce);
    const headAt = html.indexOf("<head>");
    if (headExtra && headAt === -1) return null;
    const at = headAt + "<head>".length;
    return {
      headers: kept.headers.map(([name, value]) => [name, Array.isArray(value) ? value.map(withNonce) : withNonce(value)]),
      body: Buffer.from(headExtra ? html.slice(0, at) + headExtra + html.slice(at) : html, "utf8"),
    };
  }

  get size(): number {
    return this.pages.size;
  }

  private forget(key: string): void {
    const kept = this.pages.get(key);
    if (!kept) return;
    this.pages.delete(key);
    this.bytes -= kept.bytes;
  }
}
