import assert from "node:assert/strict";
import { describe, test } from "node:test";
import zlib from "node:zlib";
import { contentSecurityPolicy, nonceOfPolicy } from "../http/content-security-policy";
import {
  SHARED_PAGE_TTL_MS,
  SharedPageCache,
  sharedPageKey,
  sharedPageRequest,
  type RenderedPage,
} from "./shared-page-cache";
import { accountElement, SHARED_RENDER_HEADER } from "./shared-page-marker";

const VERIFY = "/zh-CN/verify/oTgG9FzJfftTvbZe8rWpYvl9";
const LESSON = "/en/courses/ml-foundations/lessons/attention-transformers";

describe("which requests the shared page cache may answer", () => {
  test("a stranger's document request for a verify page; its language is in its address, not in a cookie", () => {
    assert.deepEqual(
      sharedPageRequest({
        method: "GET",
        url: VERIFY,
        headers: { "accept-language": "zh-CN,zh;q=0.9", cookie: "gradient-locale=en; other=1" },
      }),
      {
        path: VERIFY,
        scope: "certificates",
        audience: "strangers",
      },
    );
    assert.equal(sharedPageRequest({ method: "HEAD", url: VERIFY, headers: {} })?.audience, "strangers");
  });

  test("a verify page is never shared with a signed-in viewer, whatever form the session cookie takes", () => {
    for (const cookie of [
      "next-auth.session-token=abc",
      "__Secure-next-auth.session-token=abc",
      "x=1; __Secure-next-auth.session-token.0=abc",
    ]) {
      assert.equal(sharedPageRequest({ method: "GET", url: VERIFY, headers: { cookie } }), null, cookie);
    }
  });

  test("a lesson is shared between signed-in readers and strangers, and the reader's session travels with the request", () => {
    assert.deepEqual(
      sharedPageRequest({ method: "GET", url: LESSON, headers: { cookie: "__Secure-next-auth.session-token=tok" } }),
      {
        path: LESSON,
        scope: "content",
        audience: "readers",
        session: { name: "__Secure-next-auth.session-token", value: "tok" },
      },
    );
    assert.deepEqual(sharedPageRequest({ method: "GET", url: LESSON, headers: { cookie: "gradient-locale=zh-CN" } }), {
      path: LESSON,
      scope: "content",
      audience: "strangers",
    });
    // A chunked session is Next's to join.
    assert.equal(
      sharedPageRequest({
        method: "GET",
        url: LESSON,
        headers: { cookie: "next-auth.session-token.0=a; next-auth.session-token.1=b" },
      }),
      null,
    );
  });

  test("a reader's copy and a stranger's copy of a lesson are one kept page", () => {
    const reader = sharedPageRequest({ method: "GET", url: LESSON, headers: { cookie: "next-auth.session-token=t" } })!;
    const stranger = sharedPageRequest({ method: "GET", url: LESSON, headers: {} })!;
    assert.equal(sharedPageKey(reader, "3"), sharedPageKey(stranger, "3"));
  });

  test("never a client-side navigation, another method, a query string, the web server's own rendering or another page", () => {
    assert.equal(sharedPageRequest({ method: "GET", url: VERIFY, headers: { rsc: "1" } }), null);
    assert.equal(sharedPageRequest({ method: "GET", url: VERIFY, headers: { "next-router-prefetch": "1" } }), null);
    assert.equal(sharedPageRequest({ method: "GET", url: VERIFY, headers: { [SHARED_RENDER_HEADER]: "1" } }), null);
    assert.equal(sharedPageRequest({ method: "POST", url: VERIFY, headers: {} }), null);
    assert.equal(sharedPageRequest({ method: "GET", url: `${VERIFY}?_rsc=x1`, headers: {} }), null);
    for (const url of [
      "/en/verify",
      "/en/dashboard",
      "/en/verify/a/b",
      `${LESSON}/quiz/abc`,
      "/en/courses/Bad_Slug/lessons/x",
      // Without its language, an address is proxy.ts's to send on.
      "/verify/oTgG9FzJfftTvbZe8rWpYvl9",
      "/fr/verify/oTgG9FzJfftTvbZe8rWpYvl9",
    ]) {
      assert.equal(
        sharedPageRequest({ method: "GET", url, headers: { cookie: "next-auth.session-token=tok" } }),
        null,
        url,
      );
    }
  });

  test("the key holds the page's address (with its language) and the version of what it shows", () => {
    const chinese = sharedPageRequest({ method: "GET", url: VERIFY, headers: {} })!;
    const english = sharedPageRequest({ method: "GET", url: VERIFY.replace("/zh-CN/", "/en/"), headers: {} })!;
    assert.notEqual(sharedPageKey(chinese, "7"), sharedPageKey(english, "7"));
    assert.notEqual(sharedPageKey(chinese, "7"), sharedPageKey(chinese, "8"));
  });
});

function page(nonce: string, overrides: Partial<RenderedPage> = {}): RenderedPage {
  return {
    status: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": contentSecurityPolicy(nonce),
      "x-content-type-options": "nosniff",
      date: "Sat, 05 Dec 2026 20:00:00 GMT",
      "content-length": 99,
    },
    body: Buffer.from(
      `<html><head><meta name="gradient-shared-page" content="yes"/></head>` +
        `<script nonce="${nonce}">self.x=1</script>` +
        `<p>Holder: Ada</p><script nonce="${nonce}" src="/a.js"></script></html>`,
    ),
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
    assert.equal(
      body,
      `<html><head><meta name="gradient-shared-page" content="yes"/></head>` +
        `<script nonce="TkVXTk9OQ0U=">self.x=1</script>` +
        `<p>Holder: Ada</p><script nonce="TkVXTk9OQ0U=" src="/a.js"></script></html>`,
    );
    assert.ok(
      !body.includes("T0xETk9OQ0U=") && !String(headers.get("content-security-policy")).includes("T0xETk9OQ0U="),
    );
    // Per-response headers are the server's to write afresh.
    assert.equal(headers.get("x-content-type-options"), "nosniff");
    assert.ok(!headers.has("date") && !headers.has("content-length"));
  });

  test("keeps only complete, shareable HTML pages rendered with a nonce", () => {
    const cache = new SharedPageCache();
    assert.equal(cache.keep("a", page("bm9uY2U=", { status: 404 })), false);
    assert.equal(
      cache.keep("b", page("bm9uY2U=", { headers: { ...page("bm9uY2U=").headers, "set-cookie": ["s=1"] } })),
      false,
    );
    assert.equal(
      cache.keep(
        "c",
        page("bm9uY2U=", { headers: { ...page("bm9uY2U=").headers, "content-type": "application/json" } }),
      ),
      false,
    );
    assert.equal(cache.keep("d", page("bm9uY2U=", { headers: { "content-type": "text/html" } })), false);
    // The page itself did not say it holds nothing of its viewer's own.
    assert.equal(
      cache.keep(
        "e",
        page("bm9uY2U=", { body: Buffer.from('<html><head></head><script nonce="bm9uY2U="></script></html>') }),
      ),
      false,
    );
    assert.equal(cache.size, 0);
  });

  test("a reader's copy carries their account at the start of <head>, escaped so it stays data", () => {
    const cache = new SharedPageCache();
    cache.keep("k", page("bm9uY2U="));
    const account = accountElement({ name: "</script><script>alert(1)</script>", role: "LEARNER" });
    const body = cache.copy("k", "eA==", account)!.body.toString();
    assert.ok(body.startsWith(`<html><head>${account}<meta`));
    assert.equal(body.match(/<\/script>/g)?.length, 3, "only the account element's own end tag was added");
    const json = /<script id="gradient-account" type="application\/json">(.*?)<\/script>/.exec(body)?.[1] ?? "";
    assert.deepEqual(JSON.parse(json), { name: "</script><script>alert(1)</script>", role: "LEARNER" });
  });

  test("a gzipped copy inflates to exactly the plain copy, nonces and account included", () => {
    const cache = new SharedPageCache();
    const nonce = "T0xETk9OQ0U=";
    const body =
      `<html><head><meta name="gradient-shared-page" content="yes"/>` +
      `${`<script nonce="${nonce}">self.__next_f.push([1,"${"lesson text ".repeat(400)}"])</script>`.repeat(5)}` +
      `</head>` +
      `<body>${"<p>Gradient descent — 梯度下降</p>".repeat(2000)}</body></html>`;
    cache.keep("k", page(nonce, { body: Buffer.from(body) }));
    // A reader's copy has their account in <head>; a stranger's has nothing there.
    for (const headExtra of [accountElement({ name: "Lin Learner", role: "LEARNER" }), ""]) {
      const plain = cache.copy("k", "TkVXTk9OQ0U=", headExtra)!.body;
      const gzipped = cache.copy("k", "TkVXTk9OQ0U=", headExtra, "gzip")!.body;
      assert.deepEqual(zlib.gunzipSync(gzipped), plain);
      assert.ok(gzipped.length < plain.length / 5, `compressed: ${gzipped.length} of ${plain.length} bytes`);
    }
  });

  test("a kept page falls due for a new rendering, is still served until it is twice that old, and the oldest go first when memory is short", () => {
    let now = 1_000;
    const cache = new SharedPageCache({ now: () => now, maxBytes: 500 });
    cache.keep("first", page("bm9uY2U="));
    cache.keep("second", page("bm9uY2U="));
    assert.equal(cache.copy("first", "eA=="), null, "evicted to stay within the memory bound");
    assert.equal(cache.copy("second", "eA==")?.isDue, false);
    now += SHARED_PAGE_TTL_MS;
    assert.equal(cache.copy("second", "eA==")?.isDue, true);
    now += SHARED_PAGE_TTL_MS;
    assert.equal(cache.copy("second", "eA=="), null);
    assert.equal(cache.size, 0);
  });
});
