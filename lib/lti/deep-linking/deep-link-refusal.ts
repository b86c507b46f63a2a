// Why a deep linking request cannot be answered. The picker page and the return step each word the
// reason for the instructor in their language, so the reason travels as a code, not as a sentence.
import { AppError } from "../../errors";

export const DEEP_LINK_REFUSALS = ["missing", "expired", "used", "unsupported", "disabled", "unconfirmed"] as const;
export type DeepLinkRefusal = (typeof DEEP_LINK_REFUSALS)[number];

const STATUS: Record<DeepLinkRefusal, number> = {
  // Someone else's request reads as missing: its id tells a stranger nothing.
  missing: 404,
  expired: 410,
  used: 409,
  unsupported: 422,
  disabled: 403,
  // The return step was handed an answer Gradient did not sign for this request.
  unconfirmed: 400,
};

const MESSAGES: Record<DeepLinkRefusal, string> = {
  missing: "There is no such content selection, or it was started by someone else.",
  expired: "This content selection has expired. Start it again from the learning platform.",
  used: "This content selection has already been answered. Start it again from the learning platform.",
  unsupported: "The learning platform asked for content Gradient cannot give: it does not accept LTI resource links.",
  disabled: "This learning platform is disabled on Gradient.",
  unconfirmed: "Gradient could not confirm this answer to the learning platform.",
};

export class DeepLinkRefusedError extends AppError {
  constructor(readonly reason: DeepLinkRefusal) {
    super(MESSAGES[reason], STATUS[reason], `deep_link_${reason}`);
  }
}
