import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { contentSecurityPolicy, nonceOfPolicy } from "./content-security-policy";

function directive(policy: string, name: string): string | undefined {
  return policy
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `));
}

describe("contentSecurityPolicy", () => {
  test("with no registered platform, no site may frame the site", () => {
    const policy = contentSecurityPolicy("bm9uY2U=");
    assert.equal(directive(policy, "frame-ancestors"), "frame-ancestors 'none'");
    assert.equal(nonceOfPolicy(policy), "bm9uY2U=");
  });

  test("with platforms, the site itself and exactly their origins may", () => {
    const policy = contentSecurityPolicy("bm9uY2U=", ["https://canvas.example.edu", "https://moodle.example.org"]);
    assert.equal(
      directive(policy, "frame-ancestors"),
      "frame-ancestors 'self' https://canvas.example.edu https://moodle.example.org",
    );
    // Everything else stays as strict as it was.
    assert.equal(directive(policy, "form-action"), "form-action 'self'");
    assert.equal(directive(policy, "object-src"), "object-src 'none'");
    assert.equal(policy.split(";").filter((part) => part.trim().startsWith("frame-ancestors")).length, 1);
  });
});
