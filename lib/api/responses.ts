// How the HTTP API answers: JSON checked against its schema on the way out, and every failure as
// { error: { code, message, fieldErrors? } } with the status its AppError carries.
import type { z } from "zod";
import { isDatabaseUnavailable } from "../db";
import { AppError, RateLimitedError, ValidationError } from "../errors";
import type { ErrorResponseSchema } from "./schemas";
import { logger } from "../log";

type ErrorBody = z.infer<typeof ErrorResponseSchema>;

const NO_STORE = { "cache-control": "no-store" };

/** A JSON response whose body has been parsed by `schema`, so nothing undocumented leaks out. */
export function jsonResponse<T extends z.ZodType>(
  schema: T,
  body: z.input<T>,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return Response.json(schema.parse(body), { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    const headers: Record<string, string> = { ...NO_STORE };
    if (error instanceof ValidationError) body.error.fieldErrors = error.fieldErrors;
    if (error instanceof RateLimitedError) headers["retry-after"] = String(error.retryAfterSeconds);
    if (error.status === 401) headers["www-authenticate"] = 'Bearer realm="gradient"';
    return Response.json(body, { status: error.status, headers });
  }
  if (isDatabaseUnavailable(error)) {
    const body: ErrorBody = {
      error: { code: "unavailable", message: "Gradient is temporarily unavailable. Try again in a few seconds." },
    };
    return Response.json(body, { status: 503, headers: { ...NO_STORE, "retry-after": "5" } });
  }
  logger.error({ err: error }, "API request failed");
  const body: ErrorBody = {
    error: {
      code: "internal",
      message: "Something went wrong on our side; it has been logged. Try again in a moment.",
    },
  };
  return Response.json(body, { status: 500, headers: NO_STORE });
}

/** A wrapper that turns whatever a route handler throws into the response `respond` makes of it. */
export function respondingToErrors(respond: (error: unknown) => Response) {
  return <Args extends unknown[]>(
      handler: (...args: Args) => Promise<Response>,
    ): ((...args: Args) => Promise<Response>) =>
    async (...args) => {
      try {
        return await handler(...args);
      } catch (error) {
        return respond(error);
      }
    };
}

/** Wraps a route handler so every thrown error becomes the documented error response. */
export const withApiErrors = respondingToErrors(errorResponse);

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers for the methods a route does not serve. Next answers those with an empty 405; HTTP
 * requires an Allow header on a 405, and a caller deserves a sentence saying what the route takes.
 */
export function otherMethods<Served extends Method>(
  ...served: Served[]
): Record<Exclude<Method, Served>, () => Response> {
  const allow = [...served, ...(served.includes("GET" as Served) ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = () =>
    Response.json(
      {
        error: { code: "method_not_allowed", message: `This address answers ${served.join(" and ")} requests only.` },
      } satisfies ErrorBody,
      { status: 405, headers: { ...NO_STORE, allow } },
    );
  const handlers: Partial<Record<Method, () => Response>> = {};
  for (const method of METHODS) if (!served.includes(method as Served)) handlers[method] = refuse;
  return handlers as Record<Exclude<Method, Served>, () => Response>;
}
