import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { contentSecurityPolicy, nonceOfPolicy } from "../http/content-security-policy";
import { SHARED_PAGE_TTL_MS, SharedPageCache, sharedPageRequest, type RenderedPage } from "./shared-page-cache";

const VERIFY = "/verify/oTgG9FzJfftTvbZe8rWpYvl9";

describe("which requests the shared page cache may answer", () => {
  test("an anonymous document request for a verify page, keyed by its language", () => {
    assert.deepEqual(sharedPageRequest({ method: "GET", url: VERIFY, headers: {} }), { scope: "certificates", key: `en ${VERIFY}` });
    assert.deepEqual(sharedPageRequest({ method: "HEAD", url: VERIFY, headers: { "accept-language": "zh-CN,zh;q=0.9" } })?.key, `zh-CN ${VERIFY}`);
    // The language switch's cookie wins over the browser, as on every page.
    assert.equal(sharedPageRequest({ method: "GET", url: VERIFY, headers: { "accept-language": "zh-CN", cookie: "gradient-locale=en; other=1" } })?.key, `en ${VERIFY}`);
  });

  test("never a signed-in viewer, whatever form the session cookie takes", () => {
    for (const cookie of ["next-auth.session-token=abc", "__Secure-next-auth.session-token=abc", "x=1; __Secure-next-auth.session-token.0=abc"]) {
      assert.equal(sharedPageRequest({ method: "GET", url: VERIFY, headers: { cookie } }), null, cookie);
    }
  });

  test("never a client-side navigation, another method, a query string or another page", () => {
    assert.equal(sharedPageRequest({ method: "GET", url: VERIFY, headers: { rsc: "1" } }), null);
    assert.equal(sharedPageRequest({ method: "GET", url: VERIFY, headers: { "next-router-prefetch": "1" } }), null);
    assert.equal(sharedPageRequest({ method: "POST", url: VERIFY, headers: {} }), null);
    assert.equal(sharedPageRequest({ method: "GET", url: `${VERIFY}?_rsc=x1`, headers: {} }), null);
    assert.equal(sharedPageRequest({ method: "GET", url: "/verify", headers: {} }), null);
    assert.equal(sharedPageRequest({ method: "GET", url: "/dashboard", headers: {} }), null);
    assert.equal(sharedPageRequest({ method: "GET", url: "/verify/a/b", headers: {} }), null);
  });
});

function page(nonce: string, overrides: Partial<RenderedPage> = {}): RenderedPage {
  return {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": contentSecurityPolicy(nonce), "x-frame-options": "DENY", date: "Sat, 05 Dec 2026 20:00:00 GMT", "content-length": 99 },
    body: Buffer.from(`<html><script nonce="${nonce}">self.x=1</script><p>Holder: Ada</p><script nonce="${nonce}" src="/a.js"></script></html>`),
    ...overrides,
  };
}

describe("the shared page cache", () => {
  test("every copy carries a fresh nonce, in the policy and on every script, and nothing of the old one", () => {
    const cache = new SharedPageCache();
    assert.equal(cache.keep("k", page("T0xETk9OQ0U=")), true);
    const copy = cache.copy("k", "TkVXTk9OQ0U=");
    assert.ok(copy);
    const headers = new Map(copy.headers);
    assert.equal(nonceOfPolicy(String(headers.get("content-security-policy"))), "TkVXTk9OQ0U=");
    const body = copy.body.toString();
    assert.equal(body, `<html><script nonce="TkVXTk9OQ0U=">self.x=1</script><p>Holder: Ada</p><script nonce="TkVXTk9OQ0U=" src="/a.js"></script></html>`);
    assert.ok(!body.includes("T0xETk9OQ0U=") && !String(headers.get("content-security-policy")).includes("T0xETk9OQ0U="));
    // Per-response headers are the server's to write afresh.
    assert.equal(headers.get("x-frame-options"), "DENY");
    assert.ok(!headers.has("date") && !headers.has("content-length"));
  });

  test("keeps only complete, shareable HTML pages rendered with a nonce", () => {
    const cache = new SharedPageCache();
    assert.equal(cache.keep("a", page("bm9uY2U=", { status: 404 })), false);
    assert.equal(cache.keep("b", page("bm9uY2U=", { headers: { ...page("bm9uY2U=").headers, "set-cookie": ["s=1"] } })), false);
    assert.equal(cache.keep("c", page("bm9uY2U=", { headers: { ...page("bm9uY2U=").headers, "content-type": "application/json" } })), false);
    assert.equal(cache.keep("d", page("bm9uY2U=", { headers: { "content-type": "text/html" } })), false);
    assert.equal(cache.size, 0);
  });

  test("a kept page expires, and the oldest pages go first when memory is short", () => {
    let now = 1_000;
    const cache = new SharedPageCache({ now: () => now, maxBytes: 150 });
    cache.keep("first", page("bm9uY2U="));
    cache.keep("second", page("bm9uY2U="));
    assert.equal(cache.copy("first", "eA=="), null, "evicted to stay within the memory bound");
    assert.ok(cache.copy("second", "eA=="));
    now += SHARED_PAGE_TTL_MS;
    assert.equal(cache.copy("second", "eA=="), null);
    assert.equal(cache.size, 0);
  });
});
