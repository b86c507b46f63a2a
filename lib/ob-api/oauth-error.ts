// OAuth 2.0's errors (RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 7009 §2.2.1): an ASCII code from the
// RFC's vocabulary and a description, answered as JSON with no-store.
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "unsupported_token_type"
  | "invalid_redirect_uri"
  | "invalid_client_metadata"
  | "temporarily_unavailable";

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    /** ASCII only (RFC 6749 §5.2: %x20-21 / %x23-5B / %x5D-7E). */
    readonly description: string,
    readonly status = code === "invalid_client" ? 401 : 400,
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

/** RFC 6749 §5.2 forbids `"` and `\` and anything outside printable ASCII in a description. */
export function asciiDescription(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, "'");
}
