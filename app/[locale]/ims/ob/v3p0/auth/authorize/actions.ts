"use server";

import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { ValidationError } from "@/lib/errors";
import { AUTHORIZATION_PARAMETERS } from "@/lib/ob-api/authorization-request";
import { decideAuthorization } from "@/lib/ob-api/decide-authorization";
import { toActionResult, type ActionResult } from "@/app/_lib/action-result";

const AnswerSchema = z.object({
  parameters: z.partialRecord(z.enum(AUTHORIZATION_PARAMETERS), z.string().max(2000)),
  isAllowed: z.boolean(),
});

/** The learner allows or denies the app; answers with the address to send the browser to. */
export async function decideAuthorizationAction(
  parameters: unknown,
  isAllowed: unknown,
): Promise<ActionResult<{ location: string }>> {
  return toActionResult(async () => {
    const user = await requireUser();
    const answer = AnswerSchema.safeParse({ parameters, isAllowed });
    if (!answer.success) throw new ValidationError("This authorization request is not valid.");
    return {
      location: await decideAuthorization({ user, query: answer.data.parameters, isAllowed: answer.data.isAllowed }),
    };
  });
}
