import assert from "node:assert/strict";
import { test } from "node:test";
import { contentSecurityPolicy } from "../../http/content-security-policy";
import { returnPagePolicy } from "./return-page-policy";

test("widens form-action to the return URL's origin and keeps every other directive", () => {
  const site = contentSecurityPolicy("bm9uY2U=");
  const policy = returnPagePolicy(site, "https://lms.example.test:8443/deep_link/return?x=1");
  const directives = policy.split("; ");
  assert.deepEqual(
    directives.filter((directive) => directive.startsWith("form-action")),
    ["form-action 'self' https://lms.example.test:8443"],
  );
  assert.deepEqual(
    directives.filter((directive) => !directive.startsWith("form-action")),
    site.split("; ").filter((directive) => !directive.startsWith("form-action")),
  );
  assert.match(policy, /'nonce-bm9uY2U='/);
});

test("without a site policy (a handler called directly) it still limits where forms go", () => {
  assert.equal(returnPagePolicy(null, "http://localhost:9000/return"), "form-action 'self' http://localhost:9000");
});
