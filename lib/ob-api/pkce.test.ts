import assert from "node:assert/strict";
import crypto from "node:crypto";
import { test } from "node:test";
import { challengeOf, isVerifierOf, isWellFormedChallenge } from "./pkce";

test("RFC 7636 appendix B's example verifier hashes to its challenge", () => {
  const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  assert.equal(challengeOf(verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  assert.equal(isVerifierOf(verifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), true);
});

test("another verifier, a tampered challenge or a plain (unhashed) challenge does not match", () => {
  const verifier = crypto.randomBytes(32).toString("base64url");
  const challenge = challengeOf(verifier);
  assert.equal(isVerifierOf(crypto.randomBytes(32).toString("base64url"), challenge), false);
  assert.equal(isVerifierOf(verifier, `${challenge.slice(0, -1)}${challenge.endsWith("A") ? "B" : "A"}`), false);
  // The `plain` method would send the verifier itself as the challenge; S256 never accepts that.
  assert.equal(isVerifierOf(verifier, verifier), false);
});

test("verifiers outside RFC 7636's 43 to 128 unreserved characters are refused before hashing", () => {
  const short = "a".repeat(42);
  assert.equal(isVerifierOf(short, challengeOf(short)), false);
  const long = "a".repeat(129);
  assert.equal(isVerifierOf(long, challengeOf(long)), false);
  const spaced = `${"a".repeat(42)} `;
  assert.equal(isVerifierOf(spaced, challengeOf(spaced)), false);
  assert.equal(isVerifierOf("a".repeat(128), challengeOf("a".repeat(128))), true);
});

test("a challenge is 43 base64url characters", () => {
  assert.equal(isWellFormedChallenge(challengeOf("x".repeat(43))), true);
  assert.equal(isWellFormedChallenge("short"), false);
  assert.equal(isWellFormedChallenge(`${"a".repeat(42)}=`), false);
});
