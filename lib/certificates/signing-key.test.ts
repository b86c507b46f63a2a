// Each test file runs in a process of its own, so forbidding the key here touches no other test.
import "./test-signing-key";
import assert from "node:assert/strict";
import { test } from "node:test";
import { forbidSigningKey, loadSigningKey } from "./signing-key";

test("a process that forbade the signing key cannot load it, though it is configured and readable", async () => {
  const { kid } = await loadSigningKey();
  assert.ok(kid, "the configured key loads at first");
  forbidSigningKey("grading worker");
  await assert.rejects(loadSigningKey(), /The grading worker must never load the certificate signing key/);
});
