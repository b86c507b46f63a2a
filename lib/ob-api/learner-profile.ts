// The authenticated learner's Open Badges Profile (getProfile). The id is a URN built on the
// account's opaque id: it names the learner without revealing their email.
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { OB_CONTEXT } from "../certificates/credential-schema";

export const ObProfileSchema = z.object({
  "@context": z.array(z.string()).min(1),
  /** The learner, as the subject of their credentials. */
  id: z.string().min(1),
  type: z.array(z.literal("Profile")).length(1),
  /** The name the learner chose. */
  name: z.string(),
});

export type ObProfile = z.infer<typeof ObProfileSchema>;

export function learnerProfile(user: CurrentUser): ObProfile {
  return ObProfileSchema.parse({
    "@context": [OB_CONTEXT],
    id: `urn:gradient:learner:${user.id}`,
    type: ["Profile"],
    name: user.name,
  });
}
