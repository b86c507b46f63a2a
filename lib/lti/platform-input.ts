// What an admin types to register a platform by hand (or to change one), read into the values
// stored: lists one a line, de-duplicated, and the frame origins defaulted when left empty.
import { z } from "zod";
import { isAcceptablePlatformUrl, originOf, PlatformUrlSchema } from "./platform-urls";

/** LTI identifiers (client id, deployment id) are strings of at most 255 characters (LTI 1.3 Core §5.3.5); the messages spell the limits out so the Chinese catalogue can match them. */
const MAX_ID = 255;
const MAX_DEPLOYMENTS = 50;
const MAX_FRAME_ORIGINS = 20;

/** A textarea's lines, trimmed, without blanks and repeats; a list from a caller passes through. */
const linesOf = (value: unknown): unknown => {
  const lines: unknown = typeof value === "string" ? value.split(/\r?\n/) : value;
  if (!Array.isArray(lines)) return lines;
  const trimmed = (lines as unknown[])
    .map((line) => (typeof line === "string" ? line.trim() : line))
    .filter((line) => line !== "");
  return [...new Set(trimmed)];
};

/** An optional field left empty is absent, not an empty string. */
const emptyAsAbsent = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export const PlatformFieldsSchema = z.object({
  /** The platform's issuer: the iss of its id_tokens (Canvas: https://canvas.instructure.com; Moodle: the site address). */
  issuer: PlatformUrlSchema.refine((value) => !value.includes("?"), "The issuer has no ?query part."),
  /** The client id the platform gave Gradient: the aud of its id_tokens. */
  clientId: z
    .string({ error: "Enter the client id the platform gave Gradient." })
    .trim()
    .min(1, "Enter the client id the platform gave Gradient.")
    .max(MAX_ID, "Use at most 255 characters."),
  /** How the admin pages name the platform. */
  name: z
    .string({ error: "Give the platform a name." })
    .trim()
    .min(1, "Give the platform a name.")
    .max(100, "Use a name of at most 100 characters."),
  authLoginUrl: PlatformUrlSchema,
  accessTokenUrl: PlatformUrlSchema,
  jwksUrl: PlatformUrlSchema,
  /** The audience of Gradient's client assertions when the platform names one other than its token URL. */
  authServer: z.preprocess(emptyAsAbsent, PlatformUrlSchema.optional()),
  deploymentIds: z.preprocess(
    linesOf,
    z
      .array(z.string().max(MAX_ID, "Each deployment id has at most 255 characters."), {
        error: "Enter at least one deployment id, one a line.",
      })
      .min(1, "Enter at least one deployment id, one a line.")
      .max(MAX_DEPLOYMENTS, "Enter at most 50 deployment ids."),
  ),
  frameOrigins: z.preprocess(
    linesOf,
    z
      .array(z.string().refine(isAcceptablePlatformUrl, "Enter one https origin a line (http only for localhost)."))
      .max(MAX_FRAME_ORIGINS, "Enter at most 20 origins.")
      .default([]),
  ),
});
export type PlatformFields = z.infer<typeof PlatformFieldsSchema>;

/** The columns a registration stores, besides its deployments. */
export interface PlatformRecord {
  issuer: string;
  clientId: string;
  name: string;
  authLoginUrl: string;
  accessTokenUrl: string;
  jwksUrl: string;
  authServer: string | null;
  frameOrigins: string[];
}

/**
 * The sites allowed to frame Gradient for this platform. Without a list typed by the admin, the
 * issuer's and the login endpoint's origins: a self-hosted Moodle serves its pages from both. A
 * hosted LMS (Canvas) serves them from the school's own address, which the admin must add.
 */
export function frameOriginsFor(fields: Pick<PlatformFields, "issuer" | "authLoginUrl" | "frameOrigins">): string[] {
  const origins = fields.frameOrigins.length > 0 ? fields.frameOrigins : [fields.issuer, fields.authLoginUrl];
  return [...new Set(origins.map(originOf))];
}

export function platformRecordOf(fields: PlatformFields): PlatformRecord {
  return {
    issuer: fields.issuer,
    clientId: fields.clientId,
    name: fields.name,
    authLoginUrl: fields.authLoginUrl,
    accessTokenUrl: fields.accessTokenUrl,
    jwksUrl: fields.jwksUrl,
    authServer: fields.authServer ?? null,
    frameOrigins: frameOriginsFor(fields),
  };
}

export const NO_SUCH_PLATFORM = "There is no such platform.";
export const FIX_FIELDS = "Please correct the highlighted fields.";
export const DUPLICATE_PLATFORM = "This issuer already has a platform registered with this client id.";

/** A platform's id as the admin pages send it back. */
export const PlatformIdSchema = z
  .string({ error: "Choose a platform." })
  .regex(/^[a-z0-9]{10,40}$/, "Choose a platform.");
