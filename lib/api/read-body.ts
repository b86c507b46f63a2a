import { AppError, ValidationError } from "../errors";
import { readCappedBody } from "../http/read-capped-body";

export class PayloadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super(`The request body is larger than ${Math.floor(maxBytes / 1000)} kB.`, 413, "payload_too_large");
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super(message, 415, "unsupported_media_type");
  }
}

/**
 * Reads the body as UTF-8 text, stopping as soon as it passes `maxBytes`, so an oversized or
 * endless body is refused without being held in memory.
 */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  const bytes = await readCappedBody(request, maxBytes, () => new PayloadTooLargeError(maxBytes));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError("The request body is not valid UTF-8 text.", { body: ["Send UTF-8 text."] });
  }
}

/** Reads and parses a JSON body; malformed JSON is a 422 that says where it broke. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readTextBody(request, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : "it could not be parsed";
    throw new ValidationError(`The request body is not valid JSON: ${detail}.`, { body: ["Send a JSON object."] });
  }
}

/** The media type without parameters, lower-cased ("application/json"). */
export function mediaTypeOf(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
