import assert from "node:assert/strict";
import { test } from "node:test";
import { hashPassword, verifyPassword } from "./password";

test("a password verifies against its own hash and no other", async () => {
  const hash = await hashPassword("correct horse battery staple");
  assert.match(hash, /^scrypt\$32768\$8\$1\$/);
  assert.equal(await verifyPassword("correct horse battery staple", hash), true);
  assert.equal(await verifyPassword("correct horse battery stapler", hash), false);
});

test("two hashes of one password differ (random salt)", async () => {
  assert.notEqual(await hashPassword("same password"), await hashPassword("same password"));
});

test("a malformed stored hash never verifies", async () => {
  assert.equal(await verifyPassword("anything", "not-a-hash"), false);
  assert.equal(await verifyPassword("anything", "bcrypt$1$2$3$4$5"), false);
});
