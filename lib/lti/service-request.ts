// One HTTP request from Gradient to an LMS's service endpoint (token, line items, scores,
// memberships). A platform is a remote server we do not control: every request is bounded in time
// and in the size of what it may send back, and a refusal becomes an error that names the HTTP
// status and a short excerpt of the platform's own words, safe to store and show an instructor.

import { readCappedBody } from "../http/read-capped-body";

/** No platform endpoint should take longer; a stuck one must not hold a queue job or a page. */
export const SERVICE_TIMEOUT_MS = 10_000;
/** Ample for a token, a score answer or a line item container; a roster page has its own cap. */
export const DEFAULT_MAX_BYTES = 256 * 1024;
/** How much of a platform's error body is kept: enough to recognise the problem, not a page of HTML. */
const EXCERPT_CHARS = 200;

export class LtiServiceError extends Error {
  constructor(
    message: string,
    /** The platform's HTTP status; null when no answer came (timeout, refused connection, too large). */
    readonly status: number | null,
  ) {
    super(message);
    this.name = "LtiServiceError";
  }
}

export interface ServiceResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface ServiceRequestOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  maxBytes?: number;
  /** Says in errors which service answered ("token", "scores", ...). */
  what: string;
}

/** An excerpt of a platform's answer in one line of plain characters, cut to EXCERPT_CHARS. */
export function safeExcerpt(text: string): string {
  // Control characters and markup would make a stored error unreadable or misleading on a page.
  const plain = [...text.slice(0, EXCERPT_CHARS * 20).replace(/<[^>]*>/g, " ")]
    .map((char) => {
      const code = char.charCodeAt(0);
      return code < 0x20 || code === 0x7f ? " " : char;
    })
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > EXCERPT_CHARS ? `${plain.slice(0, EXCERPT_CHARS)}…` : plain;
}

/** The URL, refused unless it is http(s): a stored address must not reach file: or data: handlers. */
function serviceUrl(address: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new LtiServiceError(`The platform's ${what} address is not a URL.`, null);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new LtiServiceError(`The platform's ${what} address is not http(s).`, null);
  return url;
}

async function readCapped(response: Response, maxBytes: number, what: string): Promise<string> {
  const tooLarge = () =>
    new LtiServiceError(`The platform's ${what} answer is larger than ${maxBytes} bytes.`, response.status);
  return (await readCappedBody(response, maxBytes, tooLarge)).toString("utf8");
}

/**
 * Sends the request and reads the answer within SERVICE_TIMEOUT_MS and `maxBytes`. A 2xx answer is
 * returned; anything else throws LtiServiceError with the status and an excerpt of the body.
 */
export async function serviceRequest(
  address: string,
  { method = "GET", headers = {}, body, maxBytes = DEFAULT_MAX_BYTES, what }: ServiceRequestOptions,
): Promise<ServiceResponse> {
  const url = serviceUrl(address, what);
  const signal = AbortSignal.timeout(SERVICE_TIMEOUT_MS);
  let response: Response;
  try {
    // Redirects are not followed: a bearer token must go only to the address the platform gave.
    response = await fetch(url, { method, headers, body, signal, redirect: "manual" });
  } catch (error) {
    const reason = signal.aborted ? `no answer within ${SERVICE_TIMEOUT_MS / 1000} s` : safeExcerpt(String(error));
    throw new LtiServiceError(`The platform's ${what} endpoint could not be reached: ${reason}.`, null);
  }
  let text: string;
  try {
    text = await readCapped(response, maxBytes, what);
  } catch (error) {
    if (error instanceof LtiServiceError) throw error;
    const reason = signal.aborted ? `no answer within ${SERVICE_TIMEOUT_MS / 1000} s` : "the answer broke off";
    throw new LtiServiceError(`The platform's ${what} answer could not be read: ${reason}.`, response.status);
  }
  if (response.status < 200 || response.status > 299) {
    const excerpt = safeExcerpt(text);
    throw new LtiServiceError(
      `The platform's ${what} endpoint answered HTTP ${response.status}${excerpt ? `: ${excerpt}` : "."}`,
      response.status,
    );
  }
  return { status: response.status, headers: response.headers, text };
}

/** Parses a 2xx answer's JSON; a platform that answers something else gets a clear error. */
export function jsonOf(response: ServiceResponse, what: string): unknown {
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    throw new LtiServiceError(
      `The platform's ${what} answer is not JSON: ${safeExcerpt(response.text)}`,
      response.status,
    );
  }
}
