// Open Badges 3.0's error body for its resource endpoints: Imsx_StatusInfo, with the code minor
// value from the spec's vocabulary. Every refusal of /ims/ob/v3p0/credentials, /profile and
// /discovery takes this shape.
import { z } from "zod";

export const IMSX_CODE_MINOR_VALUES = [
  "forbidden",
  "fullsuccess",
  "internal_server_error",
  "invalid_data",
  "invalid_query_parameter",
  "misdirected_request",
  "not_acceptable",
  "not_allowed",
  "not_found",
  "not_modified",
  "server_busy",
  "unauthorizedrequest",
  "unknown",
] as const;

export const ImsxStatusInfoSchema = z.object({
  /** failure for a refused request; unsupported for an operation this host does not offer. */
  imsx_codeMajor: z.enum(["success", "processing", "failure", "unsupported"]),
  imsx_severity: z.enum(["status", "warning", "error"]),
  /** A sentence for the client's developer. */
  imsx_description: z.string().optional(),
  imsx_codeMinor: z
    .object({
      imsx_codeMinorField: z
        .array(
          z.object({
            imsx_codeMinorFieldName: z.string(),
            imsx_codeMinorFieldValue: z.enum(IMSX_CODE_MINOR_VALUES),
          }),
        )
        .min(1),
    })
    .optional(),
});

export type ImsxStatusInfo = z.infer<typeof ImsxStatusInfoSchema>;
export type ImsxCodeMinor = (typeof IMSX_CODE_MINOR_VALUES)[number];

export function imsxStatus(
  codeMinor: ImsxCodeMinor,
  description: string,
  codeMajor: "failure" | "unsupported" = "failure",
): ImsxStatusInfo {
  return ImsxStatusInfoSchema.parse({
    imsx_codeMajor: codeMajor,
    imsx_severity: "error",
    imsx_description: description,
    imsx_codeMinor: {
      imsx_codeMinorField: [{ imsx_codeMinorFieldName: "TargetEndSystem", imsx_codeMinorFieldValue: codeMinor }],
    },
  });
}
