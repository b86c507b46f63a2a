// The authenticated learner's Open Badges Profile (getProfile). Its id is the learner's
// credentialSubjectId, the random urn:uuid their credentials name them by, so a wallet can match the
// profile to the credentials; it reveals neither their email nor their account id.
import { z } from "zod";
import { OB_CONTEXT } from "../certificates/credential-schema";
import type { ObLearner } from "./authenticate-ob-request";

export const ObProfileSchema = z.object({
  "@context": z.array(z.string()).min(1),
  /** The learner, as the subject of their credentials. */
  id: z.string().min(1),
  type: z.array(z.literal("Profile")).length(1),
  /** The name the learner chose. */
  name: z.string(),
});

export type ObProfile = z.infer<typeof ObProfileSchema>;

export function learnerProfile(user: Pick<ObLearner, "credentialSubjectId" | "name">): ObProfile {
  return ObProfileSchema.parse({
    "@context": [OB_CONTEXT],
    id: user.credentialSubjectId,
    type: ["Profile"],
    name: user.name,
  });
}
