// The strict Content-Security-Policy of every page: only scripts carrying the response's nonce
// (and what they load, 'strict-dynamic') run, so markup a learner manages to get into a page cannot
// execute even if an escaping bug let it through. The web server in front of Next
// (web-server/index.ts) sets it on every response, with a nonce of the response's own, and hands
// it to Next with the request so the scripts Next renders carry that nonce.

/** A fresh, unguessable script nonce: one per response, never reused. */
export function createScriptNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}

/**
 * The policy of a response with script nonce `nonce`. `frameAncestors` are the origins that may
 * show the site in a frame (the registered LTI platforms, lib/lti/frame-origins.ts); with none,
 * no site may, not even this one.
 */
export function contentSecurityPolicy(nonce: string, frameAncestors: readonly string[] = []): string {
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets WebAssembly compile (tfjs's wasm backend, in the lesson snippets'
    // worker, which runs under this policy too); it allows no JavaScript eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'`,
    // The snippets' worker comes from this site; the reader's snippet reaches it as a blob: script.
    "worker-src 'self' blob:",
    // React style attributes and KaTeX's inline layout need inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // It replaces X-Frame-Options, which can only allow every site or none.
    frameAncestors.length === 0 ? "frame-ancestors 'none'" : `frame-ancestors 'self' ${frameAncestors.join(" ")}`,
  ].join("; ");
}

/** The nonce a policy names, or null. */
export function nonceOfPolicy(policy: string): string | null {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1] ?? null;
}
