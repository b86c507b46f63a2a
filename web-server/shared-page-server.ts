// The web server's shared page cache at work (lib/page-cache/shared-page-cache.ts says what may be
// shared and why it stays correct): a request for a shared page is answered with a kept copy when
// there is one; otherwise Next answers it as usual, and the web server asks Next, in the
// background and once per page at a time, for the rendering it will keep for the next readers.
import type http from "node:http";
import { logger } from "../lib/log";
import {
  SHARED_PAGE_TTL_MS,
  SharedPageCache,
  sharedPageKey,
  sharedPageRequest,
  type HeaderValue,
  type SharedPageRequest,
} from "../lib/page-cache/shared-page-cache";
import { createSharedPageContextReader } from "../lib/page-cache/shared-page-context";
import { accountElement, SHARED_RENDER_HEADER } from "../lib/page-cache/shared-page-marker";

type NextHandler = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>;

/** A rendering that takes longer than this is not waited for: the next miss asks again. */
const RENDER_TIMEOUT_MS = 30_000;

export interface SharedPageServer {
  /**
   * Answers the request if it is one for a shared page (returns true), else leaves it to the caller.
   * `nonce` is the script nonce of this response's policy; a copy is served with it.
   */
  serve(request: http.IncomingMessage, response: http.ServerResponse, nonce: string): boolean;
}

export function createSharedPageServer(options: {
  origin: string;
  handle: NextHandler;
  databaseUrl: string;
  authSecret: string | undefined;
}): SharedPageServer {
  const { origin, handle } = options;
  const pages = new SharedPageCache();
  const contexts = createSharedPageContextReader(options.databaseUrl, options.authSecret);
  const rendering = new Set<string>();
  const unshareable = new Set<string>();

  /** Asks Next for the shared rendering of the page and keeps it under `key`, unless one is on its way. */
  const renderToKeep = (key: string, shared: SharedPageRequest) => {
    if (rendering.has(key)) return;
    rendering.add(key);
    // The reader's session lets the page check they may read it; the address holds the language.
    const cookie = shared.session ? `${shared.session.name}=${shared.session.value}` : "";
    void (async () => {
      const response = await fetch(`${origin}${shared.path}`, {
        headers: { cookie, [SHARED_RENDER_HEADER]: "1", "accept-encoding": "identity" },
        redirect: "manual",
        signal: AbortSignal.timeout(RENDER_TIMEOUT_MS),
      });
      const body = Buffer.from(await response.arrayBuffer());
      const headers: Record<string, HeaderValue> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const setCookies = response.headers.getSetCookie();
      if (setCookies.length > 0) headers["set-cookie"] = setCookies;
      if (!pages.keep(key, { status: response.status, headers, body })) {
        // Not for sharing (an unpublished course's lesson, say): not asked for again until the
        // version changes or the period of a kept page has passed.
        unshareable.add(key);
        setTimeout(() => unshareable.delete(key), SHARED_PAGE_TTL_MS).unref();
      }
    })()
      .catch((error: unknown) =>
        logger.warn({ component: "web", err: error, path: shared.path }, "could not render a page to share"),
      )
      .finally(() => rendering.delete(key));
  };

  const sendCopy = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    copy: { headers: [string, HeaderValue][]; body: Buffer },
    isGzipped: boolean,
  ) => {
    // The policy this response already carries has the copy's nonce and the frame-ancestors of
    // now; the kept one may name LMSs as they were registered when the page was rendered.
    for (const [name, value] of copy.headers)
      if (name.toLowerCase() !== "content-security-policy") response.setHeader(name, value);
    if (isGzipped) response.setHeader("content-encoding", "gzip");
    response.setHeader("vary", "Accept-Encoding");
    response.setHeader("content-length", copy.body.length);
    response.setHeader("x-gradient-cache", "hit");
    response.statusCode = 200;
    response.end(request.method === "HEAD" ? undefined : copy.body);
  };

  const answer = async (
    shared: SharedPageRequest,
    request: http.IncomingMessage,
    response: http.ServerResponse,
    nonce: string,
  ) => {
    let context;
    try {
      context = await contexts.read(shared);
    } catch {
      // Postgres is away: Next answers, with its "temporarily unavailable" page if need be.
      return handle(request, response);
    }
    // No valid session, or no such account: Next answers (a sign-in redirect, say).
    if (!context) return handle(request, response);
    const key = sharedPageKey(shared, context.version);
    const isGzipped = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    const copy = pages.copy(
      key,
      nonce,
      context.reader ? accountElement(context.reader) : "",
      isGzipped ? "gzip" : "identity",
    );
    if (copy) {
      if (copy.isDue) renderToKeep(key, shared);
      return sendCopy(request, response, copy, isGzipped);
    }
    response.setHeader("x-gradient-cache", "miss");
    await handle(request, response);
    // Only a page that was there to read is worth a rendering to keep: an unknown certificate id
    // must not cost two renders, nor a page that would not be kept be asked for again and again.
    if (request.method === "GET" && response.statusCode === 200 && !unshareable.has(key)) renderToKeep(key, shared);
  };

  return {
    serve(request, response, nonce) {
      const shared = sharedPageRequest(request);
      if (!shared) return false;
      void answer(shared, request, response, nonce);
      return true;
    },
  };
}
