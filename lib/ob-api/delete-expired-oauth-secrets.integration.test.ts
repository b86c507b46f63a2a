// The sweep deletes codes and tokens expired more than a day ago and nothing that is live or only
// recently expired, against the run's own Postgres.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, test } from "node:test";
import { closeConnections, uniqueAddress } from "../api/test-fixtures";
import { db } from "../db";
import { deleteExpiredOAuthSecrets, EXPIRED_SECRET_RETENTION_MS } from "./delete-expired-oauth-secrets";
import { hashSecret } from "./oauth-secrets";
import { registerClient } from "./register-client";
import { CREDENTIAL_READ_SCOPE } from "./scopes";

after(closeConnections);

async function grantForTest(): Promise<string> {
  const host = `https://sweep-${crypto.randomBytes(4).toString("hex")}.example`;
  const client = await registerClient({
    clientAddress: uniqueAddress(),
    input: {
      client_name: "Sweep Wallet",
      client_uri: `${host}/`,
      logo_uri: `${host}/logo.png`,
      tos_uri: `${host}/terms`,
      policy_uri: `${host}/privacy`,
      software_id: "sweep-wallet",
      software_version: "1",
      redirect_uris: [`${host}/cb`],
      scope: CREDENTIAL_READ_SCOPE,
    },
  });
  const user = await db.user.create({
    data: { email: `sweep-${crypto.randomUUID()}@example.com`, name: "Sweep Owner", passwordHash: "not-used" },
    select: { id: true },
  });
  const clientRow = await db.oAuthClient.findUniqueOrThrow({ where: { clientId: client.client_id } });
  const grant = await db.oAuthGrant.create({
    data: { clientId: clientRow.id, userId: user.id, scope: CREDENTIAL_READ_SCOPE },
    select: { id: true },
  });
  return grant.id;
}

test("deletes codes and tokens expired over a day ago, keeps live and recently expired ones", async () => {
  const grantId = await grantForTest();
  const now = Date.now();
  const at = (offsetMs: number) => new Date(now + offsetMs);
  const ages = { old: at(-EXPIRED_SECRET_RETENTION_MS - 60_000), recent: at(-60_000), live: at(60 * 60_000) };
  const ids: Record<string, { code: string; token: string }> = {};
  for (const [age, expiresAt] of Object.entries(ages)) {
    const code = await db.oAuthAuthorizationCode.create({
      data: {
        codeHash: hashSecret(crypto.randomUUID()),
        grantId,
        redirectUri: "https://x/cb",
        codeChallenge: "c",
        expiresAt,
      },
    });
    const token = await db.oAuthToken.create({
      data: {
        tokenHash: hashSecret(crypto.randomUUID()),
        kind: "REFRESH",
        grantId,
        scope: CREDENTIAL_READ_SCOPE,
        expiresAt,
      },
    });
    ids[age] = { code: code.id, token: token.id };
  }

  const deleted = await deleteExpiredOAuthSecrets(now);
  assert.ok(deleted.codes >= 1 && deleted.tokens >= 1);

  const left = async (age: string) => ({
    code: (await db.oAuthAuthorizationCode.count({ where: { id: ids[age]?.code } })) === 1,
    token: (await db.oAuthToken.count({ where: { id: ids[age]?.token } })) === 1,
  });
  assert.deepEqual(await left("old"), { code: false, token: false });
  assert.deepEqual(await left("recent"), { code: true, token: true });
  assert.deepEqual(await left("live"), { code: true, token: true });
  assert.equal(await db.oAuthGrant.count({ where: { id: grantId } }), 1, "the grant itself stays");
});
