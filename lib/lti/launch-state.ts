// The state and nonce of OIDC third-party login initiation (LTI 1.3 security framework §5.1.1):
// made when the platform asks Gradient to start a login, checked when the id_token comes back. The
// state is kept only as its sha256, so a copy of the table cannot be replayed, and it is used once:
// the row is claimed in one conditional update, which two posts of the same form cannot both win.
import crypto from "node:crypto";
import { db } from "../db";

/** Long enough for a slow LMS page and a login at the platform; short enough that a leaked state is soon worthless. */
export const LAUNCH_STATE_TTL_MS = 10 * 60 * 1000;

export function hashLaunchSecret(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

export interface NewLaunchState {
  state: string;
  nonce: string;
}

export async function createLaunchState({
  platformId,
  targetLinkUri,
  now = new Date(),
}: {
  platformId: string;
  targetLinkUri: string;
  now?: Date;
}): Promise<NewLaunchState> {
  const state = crypto.randomBytes(32).toString("base64url");
  const nonce = crypto.randomBytes(32).toString("base64url");
  await db.ltiLaunchState.create({
    data: {
      stateHash: hashLaunchSecret(state),
      nonce,
      platformId,
      targetLinkUri,
      expiresAt: new Date(now.getTime() + LAUNCH_STATE_TTL_MS),
    },
  });
  return { state, nonce };
}

export interface ConsumedLaunchState {
  platformId: string;
  nonce: string;
  targetLinkUri: string;
}

/** The state's record, marked used; null when it is unknown, already used or expired. */
export async function consumeLaunchState(state: string, now = new Date()): Promise<ConsumedLaunchState | null> {
  const stateHash = hashLaunchSecret(state);
  const claimed = await db.ltiLaunchState.updateMany({
    where: { stateHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return null;
  return db.ltiLaunchState.findUnique({
    where: { stateHash },
    select: { platformId: true, nonce: true, targetLinkUri: true },
  });
}

/** Removes states past their time; used ones are kept until then so a replay is still told apart from a stranger's value. */
export async function deleteExpiredLaunchStates(now = new Date()): Promise<number> {
  return (await db.ltiLaunchState.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
