"use server";

import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { requireUser } from "@/lib/auth";
import { disconnectApp } from "@/lib/ob-api/disconnect-app";
import { toActionResult, type ActionResult } from "@/app/_lib/action-result";

/** Ends every grant the learner gave the app; answers how many there were. */
export async function disconnectAppAction(clientRowId: unknown): Promise<ActionResult<{ disconnected: number }>> {
  return toActionResult(async () => {
    const user = await requireUser();
    const disconnected = await disconnectApp({ user, clientRowId });
    revalidateLocalizedPath("/account/apps");
    return { disconnected };
  });
}
