import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, test } from "node:test";
import { db } from "../db";
import { recordAudit } from "./record-audit";

after(() => db.$disconnect());

test("the audit log keeps entries and refuses to change or delete them", async () => {
  const targetId = crypto.randomUUID();
  await recordAudit({
    actorId: null,
    action: "test.append",
    targetType: "test",
    targetId,
    details: { reason: "checking" },
  });
  const entry = await db.auditLog.findFirstOrThrow({ where: { targetId } });
  assert.equal(entry.action, "test.append");
  await assert.rejects(db.auditLog.update({ where: { id: entry.id }, data: { action: "tampered" } }), /append-only/);
  await assert.rejects(db.auditLog.delete({ where: { id: entry.id } }), /append-only/);
  assert.equal((await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).action, "test.append");
});
