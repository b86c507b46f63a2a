// How the OAuth endpoints (registration, token, revocation) answer: JSON, never cached (RFC 6749
// §5.1), errors as { error, error_description } with the RFC's codes.
import { isDatabaseUnavailable } from "../db";
import { AppError, RateLimitedError } from "../errors";
import { logger } from "../log";
import { PayloadTooLargeError, mediaTypeOf, readTextBody } from "../api/read-body";
import { respondingToErrors } from "../api/responses";
import { OAuthError, asciiDescription, type OAuthErrorCode } from "./oauth-error";

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };
/** Form bodies of these endpoints are a few hundred bytes. */
const MAX_FORM_BYTES = 8_000;

export function oauthJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

function errorBody(code: OAuthErrorCode | "server_error", description: string) {
  return { error: code, error_description: asciiDescription(description) };
}

/** `fallback` names the error a malformed body is, which differs between registration and the rest. */
export function oauthErrorResponse(error: unknown, fallback: OAuthErrorCode = "invalid_request"): Response {
  if (error instanceof OAuthError) {
    const headers: Record<string, string> = { ...NO_STORE };
    if (error.status === 401) headers["www-authenticate"] = 'Basic realm="gradient"';
    return Response.json(errorBody(error.code, error.description), { status: error.status, headers });
  }
  if (error instanceof RateLimitedError)
    return Response.json(errorBody("invalid_request", error.message), {
      status: 429,
      headers: { ...NO_STORE, "retry-after": String(error.retryAfterSeconds) },
    });
  if (error instanceof PayloadTooLargeError)
    return Response.json(errorBody(fallback, error.message), { status: 413, headers: NO_STORE });
  if (error instanceof AppError)
    return Response.json(errorBody(fallback, error.message), { status: 400, headers: NO_STORE });
  if (isDatabaseUnavailable(error))
    return Response.json(errorBody("temporarily_unavailable", "Try again in a few seconds."), {
      status: 503,
      headers: { ...NO_STORE, "retry-after": "5" },
    });
  logger.error({ err: error }, "OAuth request failed");
  return Response.json(errorBody("server_error", "Something went wrong on our side; it has been logged."), {
    status: 500,
    headers: NO_STORE,
  });
}

/** The application/x-www-form-urlencoded body the token and revocation endpoints take (RFC 6749 §3.2). */
export async function readFormBody(request: Request): Promise<URLSearchParams> {
  if (mediaTypeOf(request) !== "application/x-www-form-urlencoded")
    throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
  return new URLSearchParams(await readTextBody(request, MAX_FORM_BYTES));
}

/** The 405 of a method an OAuth endpoint does not take, with the Allow header HTTP requires. */
export function oauthMethodNotAllowed(allow: string): () => Response {
  return () =>
    Response.json(errorBody("invalid_request", `This endpoint answers ${allow} requests only.`), {
      status: 405,
      headers: { ...NO_STORE, allow },
    });
}

/** Wraps an OAuth endpoint's handler so every thrown error becomes RFC 6749's error response. */
export const withOAuthErrors = respondingToErrors((error) => oauthErrorResponse(error));
