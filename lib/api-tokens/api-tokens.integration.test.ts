// Against the run's own Postgres database and Redis prefix (npm test creates both).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, describe, test } from "node:test";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { closeConnections } from "../api/test-fixtures";
import { createApiToken, MAX_ACTIVE_TOKENS } from "./create-api-token";
import { findTokenOwner } from "./find-token-owner";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";
import { hashToken } from "./token-secret";

after(closeConnections);

async function createLearner() {
  return db.user.create({
    data: { email: `tokens-${crypto.randomUUID()}@example.com`, name: "Token Owner", passwordHash: "not-used" },
    select: { id: true, email: true, name: true, role: true },
  });
}

describe("createApiToken", () => {
  test("returns a 256-bit gra_ token once and stores only its hash", async () => {
    const user = await createLearner();
    const created = await createApiToken({ user, input: { name: " laptop ", expiresInDays: "30" } });
    assert.match(created.token, /^gra_[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(created.token.slice(4), "base64url").byteLength, 32);
    assert.equal(created.name, "laptop");
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    assert.equal(row.tokenHash, hashToken(created.token));
    assert.equal(row.prefix, created.token.slice(0, 12));
    assert.ok(!JSON.stringify(row).includes(created.token.slice(12)), "the secret part is stored nowhere");
    const days = ((row.expiresAt?.getTime() ?? 0) - row.createdAt.getTime()) / 86_400_000;
    assert.ok(Math.abs(days - 30) < 0.01, `expires in 30 days, not ${days}`);
    const audit = await db.auditLog.findFirst({ where: { action: "api_token.create", targetId: created.id } });
    assert.ok(audit, "the creation is audited");
  });

  test("two tokens never collide, and no expiry means none", async () => {
    const user = await createLearner();
    const first = await createApiToken({ user, input: { name: "a" } });
    const second = await createApiToken({ user, input: { name: "b", expiresInDays: "never" } });
    assert.notEqual(first.token, second.token);
    assert.equal(second.expiresAt, null);
  });

  test("names each wrong field and writes nothing", async () => {
    const user = await createLearner();
    await assert.rejects(createApiToken({ user, input: { name: "", expiresInDays: "12" } }), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(Object.keys(error.fieldErrors).sort(), ["expiresInDays", "name"]);
      return true;
    });
    await assert.rejects(createApiToken({ user, input: { name: "x".repeat(61) } }), ValidationError);
    await assert.rejects(createApiToken({ user, input: "garbage" }), ValidationError);
    assert.equal(await db.apiToken.count({ where: { userId: user.id } }), 0);
  });

  test(`caps a user at ${MAX_ACTIVE_TOKENS} active tokens, even when created at once`, async () => {
    const user = await createLearner();
    const results = await Promise.allSettled(
      Array.from({ length: MAX_ACTIVE_TOKENS + 3 }, (_, i) => createApiToken({ user, input: { name: `t${i}` } })),
    );
    assert.equal(results.filter((result) => result.status === "fulfilled").length, MAX_ACTIVE_TOKENS);
    for (const result of results) {
      if (result.status === "rejected") assert.ok(result.reason instanceof ConflictError);
    }
    const [oldest] = await listApiTokens(user);
    assert.ok(oldest);
    await revokeApiToken({ user, tokenId: oldest.id });
    await createApiToken({ user, input: { name: "after revoking one" } });
  });
});

describe("findTokenOwner", () => {
  test("finds the owner of a live token and notes when it was used", async () => {
    const user = await createLearner();
    const { token, id } = await createApiToken({ user, input: { name: "cli" } });
    assert.equal((await findTokenOwner(token))?.id, user.id);
    // Noted after the answer, which does not wait for it.
    for (let waited = 0; !(await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt; waited += 50) {
      assert.ok(waited < 5_000, "the use was noted within 5 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  test("reads the owner's role fresh, so a demoted owner's token is demoted too", async () => {
    const user = await db.user.update({ where: { id: (await createLearner()).id }, data: { role: "INSTRUCTOR" } });
    const { token } = await createApiToken({ user, input: { name: "cli" } });
    assert.equal((await findTokenOwner(token))?.role, "INSTRUCTOR");
    await db.user.update({ where: { id: user.id }, data: { role: "LEARNER" } });
    assert.equal((await findTokenOwner(token))?.role, "LEARNER");
  });

  test("refuses revoked, expired, unknown and malformed tokens", async () => {
    const user = await createLearner();
    const revoked = await createApiToken({ user, input: { name: "r" } });
    await revokeApiToken({ user, tokenId: revoked.id });
    const expiring = await createApiToken({ user, input: { name: "e", expiresInDays: "7" } });
    const inEightDays = new Date(Date.now() + 8 * 86_400_000);

    assert.equal(await findTokenOwner(revoked.token), null);
    assert.equal((await findTokenOwner(expiring.token))?.id, user.id);
    assert.equal(await findTokenOwner(expiring.token, inEightDays), null);
    assert.equal(await findTokenOwner(`gra_${crypto.randomBytes(32).toString("base64url")}`), null);
    for (const malformed of [
      "",
      "gra_",
      revoked.token.slice(0, -1),
      `${revoked.token}x`,
      "x".repeat(10_000),
      "gra_" + "é".repeat(43),
    ]) {
      assert.equal(await findTokenOwner(malformed), null);
    }
  });
});

describe("revokeApiToken and listApiTokens", () => {
  test("revokes only the owner's own token; someone else's is not found", async () => {
    const owner = await createLearner();
    const stranger = await createLearner();
    const { id, token } = await createApiToken({ user: owner, input: { name: "mine" } });
    await assert.rejects(revokeApiToken({ user: stranger, tokenId: id }), NotFoundError);
    await assert.rejects(revokeApiToken({ user: owner, tokenId: "../../etc/passwd" }), NotFoundError);
    assert.equal((await findTokenOwner(token))?.id, owner.id);

    await revokeApiToken({ user: owner, tokenId: id });
    const firstRevokedAt = (await db.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt;
    await revokeApiToken({ user: owner, tokenId: id });
    assert.deepEqual(
      (await db.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt,
      firstRevokedAt,
      "a second revoke changes nothing",
    );

    const list = await listApiTokens(owner);
    assert.deepEqual(
      list.map((item) => [item.name, item.state]),
      [["mine", "revoked"]],
    );
    assert.ok(!("tokenHash" in (list[0] ?? {})), "the list never carries the hash");
    assert.deepEqual(await listApiTokens(stranger), []);
  });

  test("shows expired tokens as expired", async () => {
    const user = await createLearner();
    await createApiToken({ user, input: { name: "short", expiresInDays: "7" } });
    const [item] = await listApiTokens(user, new Date(Date.now() + 8 * 86_400_000));
    assert.equal(item?.state, "expired");
  });
});
