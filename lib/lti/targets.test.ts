// Target addresses: what deep linking hands a platform must come back as the same target, and no
// address of another site or shape may be taken for one.
import assert from "node:assert/strict";
import { test } from "node:test";
import { publicUrl } from "../env";
import { parseTargetLinkUri, targetLinkUri, type LtiTarget } from "./targets";

test("every kind of target survives the round trip through its address", () => {
  const targets: LtiTarget[] = [
    { kind: "course", courseSlug: "ml-foundations" },
    { kind: "lab", courseSlug: "ml-foundations", slug: "linear-regression" },
    { kind: "quiz", courseSlug: "ml-foundations", slug: "lesson-1" },
    { kind: "exam", courseSlug: "ml-foundations", slug: "final-exam" },
  ];
  for (const target of targets) assert.deepEqual(parseTargetLinkUri(targetLinkUri(target)), target);
});

test("addresses that are not a target of this site are refused", () => {
  const origin = new URL(publicUrl).origin;
  for (const uri of [
    "https://elsewhere.example/lti/open/course/ml-foundations",
    `${origin}/lti/launch`,
    `${origin}/lti/open/course`,
    `${origin}/lti/open/lab/ml-foundations`,
    `${origin}/lti/open/lab/ml-foundations/a/b`,
    `${origin}/lti/open/secret/ml-foundations/x`,
    `${origin}/lti/open/lab/ML/..%2F..`,
    "not a url",
  ])
    assert.equal(parseTargetLinkUri(uri), null, uri);
});
