"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth";
import { disconnectApp } from "@/lib/ob-api/disconnect-app";
import { toActionResult, type ActionResult } from "@/app/_lib/action-result";

/** Ends every grant the learner gave the app; answers how many there were. */
export async function disconnectAppAction(clientRowId: unknown): Promise<ActionResult<{ disconnected: number }>> {
  return toActionResult(async () => {
    const user = await requireUser();
    const disconnected = await disconnectApp({ user, clientRowId });
    revalidatePath("/account/apps");
    return { disconnected };
  });
}
