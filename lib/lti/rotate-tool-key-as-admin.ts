import { recordAudit } from "../audit/record-audit";
import { requireAdmin, type Viewer } from "../admin/require-admin";
import { env } from "../env";
import { ConflictError } from "../errors";
import { getActiveToolKey, rotateToolKey } from "./tool-key";

export const TOOL_KEY_FROM_ENVIRONMENT =
  "The tool key comes from the LTI_TOOL_KEY setting: put a new key there and restart Gradient to rotate it.";

/**
 * The admin page's "Rotate the tool key": a new private key, its public half published at once in
 * the JWKS beside the old one, which stays there retired so platforms that cached it (or tokens
 * signed a moment ago) still verify. Audited with both key ids.
 */
export async function rotateToolKeyAsAdmin({ viewer }: { viewer: Viewer }) {
  requireAdmin(viewer);
  // rotateToolKey refuses a key it cannot rewrite with a plain Error; this is the admin's own refusal.
  if (env.LTI_TOOL_KEY) throw new ConflictError(TOOL_KEY_FROM_ENVIRONMENT);
  const previous = await getActiveToolKey();
  const current = await rotateToolKey();
  await recordAudit({
    actorId: viewer.id,
    action: "lti.toolkey.rotate",
    targetType: "lti-tool-key",
    targetId: current.kid,
    details: { previousKid: previous.kid, kid: current.kid },
  });
  return { kid: current.kid, previousKid: previous.kid };
}
