// In-app notifications, written in the caller's transaction with the change they tell of. Each
// reader's page words them from `kind` and `params` in the reader's language.
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";

export const NOTIFICATION_KINDS = [
  "review.released",
  "regrade.requested",
  "regrade.accepted",
  "regrade.declined",
] as const;

export const NotificationParamsSchema = z.object({
  /** The lab's title in each language, as stored. */
  lab: z.record(z.string(), z.string()).default({}),
  /** The criterion's key, or "" for the whole attempt. */
  criterionKey: z.string().default(""),
  learner: z.string().default(""),
});
export type NotificationParams = z.infer<typeof NotificationParamsSchema>;

export async function recordNotifications(
  tx: Prisma.TransactionClient,
  userIds: readonly string[],
  notice: { kind: (typeof NOTIFICATION_KINDS)[number]; params: NotificationParams; href: string },
): Promise<void> {
  if (userIds.length === 0) return;
  await tx.notification.createMany({
    data: userIds.map((userId) => ({
      userId,
      kind: notice.kind,
      params: NotificationParamsSchema.parse(notice.params),
      href: notice.href,
    })),
  });
}
