// The ways the test platform can spoil its next launch, one per rule of the LTI 1.3 Security
// Framework that a tool must enforce (§5.1.3 id_token validation, §7.3 state and nonce).
import { ROLES, CLAIMS } from "./vocabulary";

export const TAMPERS = [
  /** Posts an earlier launch's state and id_token again. */
  "replayed-state",
  /** A nonce other than the one the tool sent in its authentication request. */
  "wrong-nonce",
  /** Signed with a key whose kid the platform's JWKS does not list. */
  "unknown-kid",
  /** exp (and iat) in the past. */
  "expired",
  /** aud names another client. */
  "wrong-audience",
  /** A deployment id the tool was never given. */
  "unregistered-deployment",
  /** The roles claim changed to Instructor after signing; the signature is left as it was. */
  "forged-role",
] as const;
export type Tamper = (typeof TAMPERS)[number];

/** The token with its payload's roles replaced, header and signature untouched: a forgery. */
export function forgeRoles(token: string, roles: readonly string[] = ROLES.instructor): string {
  const [header, payload, signature] = token.split(".");
  if (header === undefined || payload === undefined || signature === undefined) throw new Error("not a JWS");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  claims[CLAIMS.roles] = [...roles];
  return [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
}
