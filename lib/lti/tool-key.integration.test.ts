// The LTI tool key on the run's own Postgres: created 0600 on first use, published before it signs,
// rotated with the old public key kept, and never loadable by a process that forbade it.
import "./test-tool-key";
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, test } from "node:test";
import { createLocalJWKSet, jwtVerify } from "jose";
import { db } from "../db";
import { TEST_TOOL_KEY_FILE } from "./test-tool-key";
import { forbidToolKey, getActiveToolKey, listToolKeys, rotateToolKey, signWithToolKey } from "./tool-key";

after(() => db.$disconnect());

test("the first use creates an owner-only RSA key and publishes its public half", async () => {
  assert.equal(fs.existsSync(TEST_TOOL_KEY_FILE), false);
  const key = await getActiveToolKey();
  assert.equal(fs.statSync(TEST_TOOL_KEY_FILE).mode & 0o777, 0o600);
  assert.equal(key.publicJwk.kty, "RSA");
  assert.equal(key.publicJwk.alg, "RS256");
  const row = await db.ltiToolKey.findUniqueOrThrow({ where: { kid: key.kid } });
  assert.equal(row.retiredAt, null);
  assert.equal(JSON.stringify(row.publicJwk).includes('"d"'), false, "no private part is stored");
});

test("a signed message verifies against the published keys, by its kid", async () => {
  const jwt = await signWithToolKey({ iss: "client-1", aud: "https://platform.example" });
  const keys = await listToolKeys();
  const { payload, protectedHeader } = await jwtVerify(
    jwt,
    createLocalJWKSet({ keys: keys.map((key) => key.publicJwk) }),
    {
      issuer: "client-1",
      audience: "https://platform.example",
    },
  );
  assert.equal(protectedHeader.alg, "RS256");
  assert.equal(protectedHeader.kid, (await getActiveToolKey()).kid);
  assert.ok(payload.exp! > payload.iat!);
});

test("rotation signs with a new key and keeps the old one published, retired", async () => {
  const before = await getActiveToolKey();
  const oldJwt = await signWithToolKey({ iss: "client-1" });
  const after = await rotateToolKey();
  assert.notEqual(after.kid, before.kid);
  const keys = await listToolKeys();
  assert.equal(keys[0]?.kid, after.kid, "the current key comes first");
  assert.equal(keys[0]?.retiredAt, null);
  const old = keys.find((key) => key.kid === before.kid);
  assert.ok(old?.retiredAt, "the old key stays, marked retired");
  // What the old key signed still verifies against the published set.
  await jwtVerify(oldJwt, createLocalJWKSet({ keys: keys.map((key) => key.publicJwk) }));
  assert.equal(fs.statSync(TEST_TOOL_KEY_FILE).mode & 0o777, 0o600);
});

test("a process that forbade the tool key cannot load it", async () => {
  forbidToolKey("grading worker");
  await assert.rejects(getActiveToolKey(), /The grading worker must never load the LTI tool key/);
});
