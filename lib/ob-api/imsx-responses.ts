// How the Open Badges resource endpoints answer: JSON checked against its schema on the way out,
// every refusal an Imsx_StatusInfo with its HTTP status.
import type { z } from "zod";
import { isDatabaseUnavailable } from "../db";
import { AppError, RateLimitedError } from "../errors";
import { respondingToErrors } from "../api/responses";
import { logger } from "../log";
import { BearerTokenError } from "./authenticate-ob-request";
import { imsxStatus, type ImsxCodeMinor } from "./imsx-status";

const NO_STORE = { "cache-control": "no-store" };

export function obJson<T extends z.ZodType>(
  schema: T,
  body: z.input<T>,
  headers: Record<string, string> = {},
): Response {
  return Response.json(schema.parse(body), { headers: { ...NO_STORE, ...headers } });
}

export function imsxResponse(
  status: number,
  codeMinor: ImsxCodeMinor,
  description: string,
  headers: Record<string, string> = {},
  codeMajor: "failure" | "unsupported" = "failure",
): Response {
  return Response.json(imsxStatus(codeMinor, description, codeMajor), {
    status,
    headers: { ...NO_STORE, ...headers },
  });
}

const MINOR_OF_STATUS: Record<number, ImsxCodeMinor> = {
  400: "invalid_data",
  401: "unauthorizedrequest",
  403: "forbidden",
  404: "not_found",
  429: "server_busy",
};

export function imsxErrorResponse(error: unknown): Response {
  if (error instanceof BearerTokenError)
    return imsxResponse(error.status, MINOR_OF_STATUS[error.status] ?? "unknown", error.message, {
      "www-authenticate": error.challenge,
    });
  if (error instanceof RateLimitedError)
    return imsxResponse(429, "server_busy", error.message, { "retry-after": String(error.retryAfterSeconds) });
  if (error instanceof AppError)
    return imsxResponse(error.status, MINOR_OF_STATUS[error.status] ?? "unknown", error.message);
  if (isDatabaseUnavailable(error))
    return imsxResponse(503, "server_busy", "Temporarily unavailable. Try again in a few seconds.", {
      "retry-after": "5",
    });
  logger.error({ err: error }, "Open Badges API request failed");
  return imsxResponse(500, "internal_server_error", "Something went wrong on our side; it has been logged.");
}

/** Wraps a route handler so every thrown error becomes an Imsx_StatusInfo. */
export const withImsxErrors = respondingToErrors(imsxErrorResponse);

/** A 405 for an operation this host does not offer; code major unsupported, as the spec allows. */
export function imsxMethodNotAllowed(allow: string, description: string): () => Response {
  return () => imsxResponse(405, "not_allowed", description, { allow }, "unsupported");
}
