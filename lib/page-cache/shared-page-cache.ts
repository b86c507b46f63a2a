// Pages that look the same to every anonymous viewer, kept by the web server in front of Next
// (scripts/web-server.ts) so a crowd opening one certificate's verify page costs one render, not
// one per viewer. Three things keep a kept page correct:
// - only requests that cannot see anything personal qualify: no session cookie, a plain document
//   request (not a client-side navigation), no query string;
// - the key holds the language the page was rendered in and a version that triggers in Postgres
//   bump on any change to what the page shows (CacheVersion), read on every request, so a
//   revocation shows on the very next view from any server;
// - every copy served gets a script nonce of its own, in the policy header and in the page.
import { LOCALE_COOKIE, chooseLocale } from "../i18n/locale-choice";
import { nonceOfPolicy } from "../http/content-security-policy";

/** A kept page is served for at most this long, whatever its version says. */
export const SHARED_PAGE_TTL_MS = 60_000;
/** Memory one web process spends on kept pages by default; the oldest go first. */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** A page larger than this is not kept. */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/** What a version counts changes of: the scope names a CacheVersion row. */
export type SharedPageScope = "certificates";

const SHARED_ROUTES: { pattern: RegExp; scope: SharedPageScope }[] = [
  // A certificate's public page; the id is a certificate's publicId (base64url).
  { pattern: /^\/verify\/[A-Za-z0-9_-]{1,64}$/, scope: "certificates" },
];

// next-auth's session cookie, with or without the secure prefix and chunk suffix.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;
// Headers of Next's client-side navigations and prefetches: those ask for a different response.
const NAVIGATION_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url", "purpose"];

export interface RequestFacts {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface SharedPageRequest {
  scope: SharedPageScope;
  /** The page and the language it is rendered in; the caller adds the scope's current version. */
  key: string;
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

/** The cache key of a request the shared cache may answer, or null when Next must render it. */
export function sharedPageRequest(request: RequestFacts): SharedPageRequest | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const path = request.url ?? "";
  const route = SHARED_ROUTES.find((candidate) => candidate.pattern.test(path));
  if (!route) return null;
  if (NAVIGATION_HEADERS.some((name) => request.headers[name] !== undefined)) return null;
  const cookies = cookiesOf(request.headers.cookie);
  if ([...cookies.keys()].some((name) => SESSION_COOKIE.test(name))) return null;
  const acceptLanguage = request.headers["accept-language"];
  const locale = chooseLocale(cookies.get(LOCALE_COOKIE), null, Array.isArray(acceptLanguage) ? acceptLanguage.join(",") : acceptLanguage);
  return { scope: route.scope, key: `${locale} ${path}` };
}

export type HeaderValue = string | string[];

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
    const policy = page.headers["content-security-policy"];
    const nonce = (Array.isArray(policy) ? policy : [String(policy ?? "")]).map(nonceOfPolicy).find((found) => found !== null);
    // Without the nonce the page was rendered with, its copies could not get fresh ones.
    if (!nonce) return false;
    const headers: [string, HeaderValue][] = [];
    for (const [name, value] of Object.entries(page.headers)) {
      if (value === undefined || NOT_KEPT.has(name)) continue;
      headers.push([name, typeof value === "number" ? String(value) : value]);
    }
    const bodyParts = page.body.toString("utf8").split(nonce);
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

  /** A copy of the kept page with `nonce` in place of the one it was rendered with, or null. */
  copy(key: string, nonce: string): { headers: [string, HeaderValue][]; body: Buffer } | null {
    const kept = this.pages.get(key);
    if (!kept) return null;
    if (kept.keptUntil <= this.now()) {
      this.forget(key);
      return null;
    }
    const withNonce = (value: string) => value.split(kept.nonce).join(nonce);
    return {
      headers: kept.headers.map(([name, value]) => [name, Array.isArray(value) ? value.map(withNonce) : withNonce(value)]),
      body: Buffer.from(kept.bodyParts.join(nonce), "utf8"),
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
