// Gradient's requests to a platform during dynamic registration: bounded in time and size, never
// following redirects (the address checked is the address asked), and read as JSON when it is.
import { readCappedBody } from "../http/read-capped-body";

export const PLATFORM_TIMEOUT_MS = 10_000;
/** Platform configurations and registration answers are a few kB; 256 kB leaves room for long lists. */
export const PLATFORM_MAX_BYTES = 256 * 1024;

/** The platform could not be asked: network error, timeout, redirect, or an oversized answer. */
export class PlatformUnreachableError extends Error {}

export interface PlatformAnswer {
  status: number;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** The start of the body as text, for the admin to read when the platform refused. */
  excerpt: string;
}

export interface PlatformRequest {
  url: string;
  method?: "GET" | "POST";
  /** Sent as "Authorization: Bearer …" (the platform's registration token), when given. */
  bearer?: string | null;
  /** A JSON body, sent as application/json. */
  body?: unknown;
  timeoutMs?: number;
  maxBytes?: number;
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = () => new PlatformUnreachableError(`The answer is larger than ${maxBytes} bytes.`);
  return (await readCappedBody(response, maxBytes, tooLarge)).toString("utf8");
}

export async function fetchPlatformJson({
  url,
  method = "GET",
  bearer = null,
  body,
  timeoutMs = PLATFORM_TIMEOUT_MS,
  maxBytes = PLATFORM_MAX_BYTES,
}: PlatformRequest): Promise<PlatformAnswer> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let text: string;
  let status: number;
  try {
    // One signal covers the answer's body too, so a platform that trickles bytes is cut off as well.
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    text = await readCapped(response, maxBytes);
  } catch (error) {
    if (error instanceof PlatformUnreachableError) throw error;
    const isTimeout = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new PlatformUnreachableError(
      isTimeout
        ? `No answer within ${Math.round(timeoutMs / 1000)} seconds.`
        : `The request failed (${errorName(error)}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, json, excerpt: text.slice(0, 500) };
}

/** A fetch failure's cause (ECONNREFUSED, ENOTFOUND, a redirect), without a stack. */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) return "code" in cause && typeof cause.code === "string" ? cause.code : cause.message;
  return error.message;
}
