// Pages that look the same to everyone they are shown to, kept by the web server in front of Next
// (web-server/index.ts) so a crowd opening one certificate's verify page, or one lesson, costs
// one render rather than one per reader. What keeps a kept page correct:
// - the page decides: only renderings carrying its "shared" marker are kept
//   (lib/page-cache/shared-page-marker.ts), and the web server asks for them itself, with a header
//   that makes the layout leave the reader's account out;
// - only plain document requests qualify (not client-side navigations, no query string), from
//   strangers for a verify page, and from strangers and signed-in readers alike for a lesson (only
//   a published course's lesson carries the marker, and it is the same for everyone who may read it);
// - a request with a session cookie is answered from the cache only once the session is found
//   valid; otherwise Next decides what its bearer sees;
// - the key holds the language the page was rendered in and a version that triggers in Postgres
//   bump on any change to what such pages show (CacheVersion), read on every request, so a
//   revocation or an edited lesson shows on the very next view from any server;
// - every copy served gets a script nonce of its own, in the policy header and in the page, and a
//   signed-in reader's copy gets their account (name and role, for the header) added, a stranger's
//   nothing there.
import zlib from "node:zlib";
import { LOCALES } from "../courses/content-schema";
import { nonceOfPolicy } from "../http/content-security-policy";
import { SHARED_PAGE_MARKER, SHARED_RENDER_HEADER } from "./shared-page-marker";

/**
 * A kept page is rendered anew after this long, whatever its version says: the copy is still served
 * while the new rendering is made (so pages kept together do not all fall back to Next together),
 * but never once it is twice this old.
 */
export const SHARED_PAGE_TTL_MS = 60_000;
/** Memory one web process spends on kept pages by default; the oldest go first. */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** A page larger than this is not kept. */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/** What a version counts changes of: the scope names a CacheVersion row. */
export type SharedPageScope = "certificates" | "content";
/** Who is asking: a stranger (no session cookie) or a signed-in reader. */
export type SharedPageAudience = "strangers" | "readers";

const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
// Every page's address starts with its language (lib/i18n/routing.ts), so the address is the key.
const LOCALE_PREFIX = `^/(?:${LOCALES.join("|")})`;
const SHARED_ROUTES: { pattern: RegExp; scope: SharedPageScope; audiences: readonly SharedPageAudience[] }[] = [
  // A certificate's public page; the id is a certificate's publicId (base64url). Strangers only:
  // its holder signed in may see more of it.
  {
    pattern: new RegExp(`${LOCALE_PREFIX}/verify/[A-Za-z0-9_-]{1,64}$`),
    scope: "certificates",
    audiences: ["strangers"],
  },
  {
    pattern: new RegExp(`${LOCALE_PREFIX}/courses/${SLUG}/lessons/${SLUG}$`),
    scope: "content",
    audiences: ["strangers", "readers"],
  },
];

// next-auth's session cookie, with or without the secure prefix; a chunked one (".0", ".1") is
// left to Next, which knows how to join it.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token$/;
const CHUNKED_SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token\.\d+$/;
// Headers of Next's client-side navigations and prefetches: those ask for a different response.
const NAVIGATION_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
  "purpose",
];

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
  const audience = sessionName === undefined ? "strangers" : "readers";
  if (!route.audiences.includes(audience)) return null;
  return {
    path,
    scope: route.scope,
    audience,
    ...(sessionName ? { session: { name: sessionName, value: cookies.get(sessionName) ?? "" } } : {}),
  };
}

export type HeaderValue = string | string[];

/** The key of a page: where (its address holds its language), at which version of what it shows. */
export function sharedPageKey(request: SharedPageRequest, version: string): string {
  return `${request.scope}@${version} ${request.path}`;
}

/** A rendered page as Next answered it, before it is kept. */
export interface RenderedPage {
  status: number;
  headers: Record<string, HeaderValue | number | undefined>;
  body: Buffer;
}

interface KeptPage {
  headers: [string, HeaderValue][];
  /**
   * The page as bytes, cut where each copy differs: at every occurrence of its nonce and just after
   * <head> (where a reader's account goes). A copy is these pieces with its own bytes between them,
   * so serving one copies memory and never re-encodes the page.
   */
  pieces: Buffer[];
  /**
   * Each piece compressed on its own as raw deflate blocks ending byte-aligned (a full flush), so a gzip copy is these
   * with its own bytes compressed between them.
   */
  deflatedPieces: Buffer[];
  /** What goes after each piece but the last. */
  gaps: ("nonce" | "head")[];
  nonce: string;
  bytes: number;
  /** When it is due to be rendered anew; it is dropped at twice its age then. */
  renewAt: number;
  keptAt: number;
}

/**
 * Raw deflate blocks for `bytes` that end on a byte boundary and refer to nothing before them, so such runs can follow
 * one another in one stream.
 */
function deflateBlocks(bytes: Buffer): Buffer {
  return zlib.deflateRawSync(bytes, { finishFlush: zlib.constants.Z_FULL_FLUSH });
}

// A gzip member (RFC 1952) around a raw deflate stream: header, the blocks, an empty final block,
// then the CRC-32 and length of what they inflate to.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
const FINAL_EMPTY_BLOCK = zlib.deflateRawSync(Buffer.alloc(0));

function gzipMember(deflated: Buffer[], plain: Buffer[]): Buffer {
  let crc = 0;
  let length = 0;
  for (const part of plain) {
    // zlib's crc32 of a buffer with no memory behind it is the initial value, not the one passed in.
    if (part.length === 0) continue;
    crc = zlib.crc32(part, crc);
    length += part.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  return Buffer.concat([GZIP_HEADER, ...deflated, FINAL_EMPTY_BLOCK, trailer]);
}

/** `html` cut at `<head>` and at every `nonce`, as in KeptPage. */
function cutPage(html: string, nonce: string): Pick<KeptPage, "pieces" | "gaps"> {
  const headAt = html.indexOf("<head>");
  const halves =
    headAt === -1 ? [html] : [html.slice(0, headAt + "<head>".length), html.slice(headAt + "<head>".length)];
  const pieces: Buffer[] = [];
  const gaps: ("nonce" | "head")[] = [];
  halves.forEach((half, index) => {
    if (index > 0) gaps.push("head");
    half.split(nonce).forEach((piece, at) => {
      if (at > 0) gaps.push("nonce");
      pieces.push(Buffer.from(piece, "utf8"));
    });
  });
  return { pieces, gaps };
}

// Hop-by-hop and per-response headers, and the encoding (a kept page is stored uncompressed).
const NOT_KEPT = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
]);

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
    const nonce = (Array.isArray(policy) ? policy : [String(policy ?? "")])
      .map(nonceOfPolicy)
      .find((found) => found !== null);
    // Without the nonce the page was rendered with, its copies could not get fresh ones.
    if (!nonce) return false;
    const headers: [string, HeaderValue][] = [];
    for (const [name, value] of Object.entries(page.headers)) {
      if (value === undefined || NOT_KEPT.has(name)) continue;
      headers.push([name, typeof value === "number" ? String(value) : value]);
    }
    this.forget(key);
    const { pieces, gaps } = cutPage(html, nonce);
    const deflatedPieces = pieces.map(deflateBlocks);
    const bytes =
      pieces.reduce((sum, piece) => sum + piece.length, 0) +
      deflatedPieces.reduce((sum, piece) => sum + piece.length, 0);
    const keptAt = this.now();
    // Pages kept together (all of them, after a deploy) fall due over a quarter of the period, not at once.
    const renewAt = keptAt + SHARED_PAGE_TTL_MS * (0.75 + 0.25 * Math.random());
    const kept: KeptPage = { headers, pieces, deflatedPieces, gaps, nonce, bytes, keptAt, renewAt };
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
   * (markup for this viewer alone) at the start of its <head>, as is or gzipped; null when there is
   * none to copy. Gzipping a copy compresses only what differs: the rest was compressed when kept.
   * `isDue` says the page should be rendered anew.
   */
  copy(
    key: string,
    nonce: string,
    headExtra = "",
    encoding: "identity" | "gzip" = "identity",
  ): { headers: [string, HeaderValue][]; body: Buffer; isDue: boolean } | null {
    const kept = this.pages.get(key);
    if (!kept) return null;
    const now = this.now();
    if (now - kept.keptAt >= 2 * SHARED_PAGE_TTL_MS) {
      this.forget(key);
      return null;
    }
    if (headExtra && !kept.gaps.includes("head")) return null;
    const withNonce = (value: string) => value.split(kept.nonce).join(nonce);
    const fills = { nonce: Buffer.from(nonce, "utf8"), head: Buffer.from(headExtra, "utf8") };
    const headers = kept.headers.map(([name, value]): [string, HeaderValue] => [
      name,
      Array.isArray(value) ? value.map(withNonce) : withNonce(value),
    ]);
    const deflatedFills =
      encoding === "gzip" ? { nonce: deflateBlocks(fills.nonce), head: deflateBlocks(fills.head) } : null;
    const plain: Buffer[] = [];
    const deflated: Buffer[] = [];
    kept.pieces.forEach((piece, index) => {
      plain.push(piece);
      if (deflatedFills) deflated.push(kept.deflatedPieces[index]!);
      const gap = kept.gaps[index];
      if (!gap) return;
      plain.push(fills[gap]);
      if (deflatedFills) deflated.push(deflatedFills[gap]);
    });
    return {
      headers,
      body: encoding === "gzip" ? gzipMember(deflated, plain) : Buffer.concat(plain),
      isDue: now >= kept.renewAt,
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
