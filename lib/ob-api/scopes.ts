// The Open Badges 3.0 API's scopes. Gradient hosts credentials it issued itself, so it grants
// only the two read scopes; a client may register or ask for the write scopes (a wallet often
// asks for all four), and is simply not given them.
export const CREDENTIAL_READ_SCOPE = "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly";
export const PROFILE_READ_SCOPE = "https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly";
export const CREDENTIAL_UPSERT_SCOPE = "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert";
export const PROFILE_UPDATE_SCOPE = "https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.update";
/** OpenID's name for "may have a refresh token", which the spec's own examples send. */
export const OFFLINE_ACCESS_SCOPE = "offline_access";

export const SUPPORTED_SCOPES = [CREDENTIAL_READ_SCOPE, PROFILE_READ_SCOPE] as const;
export type SupportedScope = (typeof SUPPORTED_SCOPES)[number];

/** Scopes a client may name without being refused: they are dropped, never granted. */
const TOLERATED_SCOPES = new Set<string>([CREDENTIAL_UPSERT_SCOPE, PROFILE_UPDATE_SCOPE, OFFLINE_ACCESS_SCOPE]);

/** What each granted scope lets a client do, for the discovery document. */
export const SCOPE_DESCRIPTIONS: Record<SupportedScope, string> = {
  [CREDENTIAL_READ_SCOPE]: "Permission to read the AchievementCredentials issued to the authenticated learner.",
  [PROFILE_READ_SCOPE]: "Permission to read the profile of the authenticated learner.",
};

export function splitScope(scope: string): string[] {
  return scope.split(" ").filter((item) => item.length > 0);
}

function isSupportedScope(scope: string): scope is SupportedScope {
  return (SUPPORTED_SCOPES as readonly string[]).includes(scope);
}

export type ScopeReading = { isValid: true; granted: SupportedScope[] } | { isValid: false; unknown: string[] };

/**
 * The supported scopes among those asked for, in the order the spec lists them. An unknown scope
 * makes the whole request invalid (RFC 6749 invalid_scope); a known one Gradient does not serve is
 * left out of the grant, as RFC 6749 §3.3 allows, and the granted scope is returned to the client.
 */
export function readScope(asked: string): ScopeReading {
  const items = splitScope(asked);
  const unknown = items.filter((item) => !isSupportedScope(item) && !TOLERATED_SCOPES.has(item));
  if (unknown.length > 0) return { isValid: false, unknown };
  return { isValid: true, granted: SUPPORTED_SCOPES.filter((scope) => items.includes(scope)) };
}

export function joinScope(scopes: readonly string[]): string {
  return scopes.join(" ");
}

/** Scopes of `asked` that lie within `allowed` (a client's registration, or a grant). */
export function narrowScope(asked: readonly string[], allowed: string): SupportedScope[] {
  const permitted = new Set(splitScope(allowed));
  return SUPPORTED_SCOPES.filter((scope) => asked.includes(scope) && permitted.has(scope));
}
