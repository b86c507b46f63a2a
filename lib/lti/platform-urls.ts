// Which addresses a platform registration may hold. A platform's endpoints receive Gradient's
// client assertions and hand it the keys launches are checked with, so they must be https; plain
// http is allowed only on this machine's loopback, where a test platform or a local LMS listens.
import { z } from "zod";
import { isHttpsOrLoopbackUrl } from "../http/remote-url";

/** https anywhere, http only on loopback; never credentials or a fragment in the address. */
export const isAcceptablePlatformUrl = isHttpsOrLoopbackUrl;

/** The zod schema of one such address, with the message the admin form shows beside the field. */
export const PlatformUrlSchema = z
  .string({ error: "Enter an address." })
  .trim()
  .min(1, "Enter an address.")
  .max(2000, "Use an address of at most 2000 characters.")
  .refine(isAcceptablePlatformUrl, "Enter an https address (http only for localhost), without a #fragment.");

/** The origin (scheme, host, port) of an address that passed PlatformUrlSchema. */
export function originOf(url: string): string {
  return new URL(url).origin;
}
