import crypto from "node:crypto";
import { z } from "zod";

/** 18 random bytes, base64url: 144 bits, so certificate URLs cannot be guessed or enumerated. */
export function newPublicId(): string {
  return crypto.randomBytes(18).toString("base64url");
}

export const PUBLIC_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/** A certificate id from a URL or a form. */
export const PublicIdSchema = z.string().regex(PUBLIC_ID_PATTERN, "not a certificate id");
