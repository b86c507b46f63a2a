// The registration request of OAuth 2.0 Dynamic Client Registration (RFC 7591 §2) as Open Badges
// 3.0 constrains it: every listed property required except the last four, URLs on one host, only
// the authorization code flow. A refusal names the first problem with the RFC's error code.
import { z } from "zod";
import { isHttpsOrLoopbackUrl } from "../http/remote-url";
import { OAuthError } from "./oauth-error";
import { readScope, joinScope } from "./scopes";

/** https anywhere, http only on loopback, where a wallet under test or a native app listens. */
export const isAcceptableClientUrl = isHttpsOrLoopbackUrl;

const ClientUrlSchema = z
  .string()
  .max(2000, "must be at most 2000 characters")
  .refine(isAcceptableClientUrl, "must be an https URL (http only on localhost), without a fragment");

const TextSchema = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const ClientMetadataSchema = z.object({
  /** Where the authorization server may send the browser back; matched exactly. */
  redirect_uris: z.array(ClientUrlSchema).min(1, "must hold at least one URL").max(10, "must hold at most 10 URLs"),
  /** The application's name, shown to the learner on the consent page. */
  client_name: TextSchema(100),
  /** A page about the application. */
  client_uri: ClientUrlSchema,
  /** The application's logo. */
  logo_uri: ClientUrlSchema,
  /** The application's terms of service. */
  tos_uri: ClientUrlSchema,
  /** The application's privacy policy. */
  policy_uri: ClientUrlSchema,
  /** Identifies the application software across its installations. */
  software_id: TextSchema(200),
  /** The version of that software. */
  software_version: TextSchema(100),
  /** Space-separated scopes the application may ask for. */
  scope: z.string().max(1000, "must be at most 1000 characters"),
  /** How the application authenticates at the token endpoint. */
  token_endpoint_auth_method: z
    .enum(["client_secret_basic", "client_secret_post"], "must be client_secret_basic or client_secret_post")
    .default("client_secret_basic"),
  /** The grants the application uses. */
  grant_types: z
    .array(z.enum(["authorization_code", "refresh_token"], "must be authorization_code or refresh_token"))
    .min(1, "must hold at least one grant type")
    .default(["authorization_code"]),
  /** The response types the application uses. */
  response_types: z.array(z.literal("code", "must be code")).min(1, "must hold code").default(["code"]),
  /** Ways to reach the people responsible for the application. */
  contacts: z.array(TextSchema(200)).max(10, "must hold at most 10 entries").default([]),
});

export type ClientMetadata = z.infer<typeof ClientMetadataSchema>;

/** The metadata as it will be registered: scopes narrowed to those granted here, lists de-duplicated. */
export function readClientMetadata(input: unknown): ClientMetadata {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new OAuthError("invalid_client_metadata", "The registration request must be a JSON object.");
  const parsed = ClientMetadataSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "body");
    const code = field === "redirect_uris" ? "invalid_redirect_uri" : "invalid_client_metadata";
    const where = issue?.path.map(String).join(".") || field;
    const message = issue?.code === "invalid_type" && issue.input === undefined ? "is required" : issue?.message;
    throw new OAuthError(code, `${where} ${message ?? "is not valid"}.`);
  }
  const metadata = parsed.data;
  const urls = [
    ...metadata.redirect_uris,
    metadata.client_uri,
    metadata.logo_uri,
    metadata.tos_uri,
    metadata.policy_uri,
  ];
  if (new Set(urls.map((url) => new URL(url).hostname)).size > 1)
    throw new OAuthError(
      "invalid_client_metadata",
      "All URLs of a client must have the same host name (Open Badges 3.0, Register with Authorization Server).",
    );
  if (!metadata.grant_types.includes("authorization_code"))
    throw new OAuthError(
      "invalid_client_metadata",
      "grant_types must include authorization_code: response type code uses it.",
    );
  const scope = readScope(metadata.scope);
  if (!scope.isValid)
    throw new OAuthError("invalid_client_metadata", `scope names unknown scopes: ${scope.unknown.join(" ")}.`);
  if (scope.granted.length === 0)
    throw new OAuthError(
      "invalid_client_metadata",
      "scope must include credential.readonly or profile.readonly: Gradient grants only those.",
    );
  return {
    ...metadata,
    scope: joinScope(scope.granted),
    redirect_uris: [...new Set(metadata.redirect_uris)],
    grant_types: [...new Set(metadata.grant_types)],
    response_types: ["code"],
  };
}
