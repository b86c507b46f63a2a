// Reads an authorization request (RFC 6749 §4.1.1 with PKCE, as Open Badges 3.0 profiles it). Until
// the client and its redirect URI are known good, a problem is shown to the learner and never sent
// anywhere (§4.1.2.1); after that, problems go back to the client as error redirects with its state.
import { z } from "zod";
import { db } from "../db";
import { isWellFormedChallenge } from "./pkce";
import { narrowScope, readScope, type SupportedScope } from "./scopes";

/** The query as the page receives it: a repeated parameter arrives as an array. */
export type AuthorizationQuery = Record<string, string | string[] | undefined>;

export const AUTHORIZATION_PARAMETERS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
] as const;

const ParameterSchema = z.string().max(2000).optional();

export interface ConsentClient {
  name: string;
  clientUri: string;
  tosUri: string;
  policyUri: string;
}

export interface AuthorizationRequest {
  /** Gradient's row id of the client. */
  clientRowId: string;
  redirectUri: string;
  scopes: SupportedScope[];
  state: string;
  codeChallenge: string;
}

export type AuthorizationReading =
  | { kind: "show-error"; problem: "unknown-client" | "bad-redirect-uri" | "malformed" }
  | { kind: "redirect"; location: string }
  | { kind: "valid"; request: AuthorizationRequest; client: ConsentClient };

/** The client's redirect URI with the response parameters appended to its own query (§4.1.2). */
export function redirectLocation(redirectUri: string, parameters: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

export async function readAuthorizationRequest(query: AuthorizationQuery): Promise<AuthorizationReading> {
  const single: Partial<Record<(typeof AUTHORIZATION_PARAMETERS)[number], string>> = {};
  let isRepeated = false;
  for (const name of AUTHORIZATION_PARAMETERS) {
    const value = query[name];
    if (Array.isArray(value)) isRepeated = true;
    const parsed = ParameterSchema.safeParse(Array.isArray(value) ? value[0] : value);
    if (!parsed.success) return { kind: "show-error", problem: "malformed" };
    if (parsed.data) single[name] = parsed.data;
  }
  if (!single.client_id) return { kind: "show-error", problem: "unknown-client" };
  const client = await db.oAuthClient.findUnique({
    where: { clientId: single.client_id },
    select: { id: true, name: true, clientUri: true, tosUri: true, policyUri: true, redirectUris: true, scope: true },
  });
  if (!client) return { kind: "show-error", problem: "unknown-client" };
  // Open Badges 3.0 requires redirect_uri even though RFC 6749 lets a single-URI client omit it.
  const redirectUri = single.redirect_uri;
  if (!redirectUri || !client.redirectUris.includes(redirectUri) || Array.isArray(query.redirect_uri))
    return { kind: "show-error", problem: "bad-redirect-uri" };

  const state = single.state;
  const refuse = (error: string, description: string): AuthorizationReading => ({
    kind: "redirect",
    location: redirectLocation(redirectUri, { error, error_description: description, state }),
  });
  if (isRepeated) return refuse("invalid_request", "A parameter was sent more than once.");
  if (single.response_type !== "code")
    return refuse("unsupported_response_type", "Only the authorization code flow (response_type=code) is supported.");
  if (!state) return refuse("invalid_request", "state is required.");
  if (!single.code_challenge || !isWellFormedChallenge(single.code_challenge))
    return refuse("invalid_request", "code_challenge is required: BASE64URL(SHA256(code_verifier)), 43 characters.");
  if (single.code_challenge_method !== "S256") return refuse("invalid_request", "code_challenge_method must be S256.");
  if (!single.scope) return refuse("invalid_scope", "scope is required.");
  const scope = readScope(single.scope);
  if (!scope.isValid) return refuse("invalid_scope", "scope names a scope this server does not know.");
  const scopes = narrowScope(scope.granted, client.scope);
  if (scopes.length === 0)
    return refuse("invalid_scope", "None of the requested scopes is registered for this client and granted here.");
  return {
    kind: "valid",
    request: { clientRowId: client.id, redirectUri, scopes, state, codeChallenge: single.code_challenge },
    client: { name: client.name, clientUri: client.clientUri, tosUri: client.tosUri, policyUri: client.policyUri },
  };
}
