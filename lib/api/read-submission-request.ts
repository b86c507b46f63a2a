import { z } from "zod";
import { parseInput } from "../validation";
import { mediaTypeOf, readJsonBody, readTextBody, UnsupportedMediaTypeError } from "./read-body";
import { CreateSubmissionRequestSchema, SUBMISSION_BODY_MAX_BYTES } from "./schemas";

// Raw module bodies, as curl --data-binary @model.js or an editor plug-in would send them.
const TEXT_TYPES = new Set([
  "text/plain",
  "text/javascript",
  "application/javascript",
  "application/typescript",
  "text/typescript",
]);

export type SubmissionRequest = z.infer<typeof CreateSubmissionRequestSchema>;

/** The submission a POST /api/v1/submissions carries: a JSON object, or raw code with the lab in the query. */
export async function readSubmissionRequest(request: Request): Promise<SubmissionRequest> {
  const mediaType = mediaTypeOf(request);
  if (mediaType === "application/json") {
    return parseInput(
      CreateSubmissionRequestSchema,
      await readJsonBody(request, SUBMISSION_BODY_MAX_BYTES),
      "Your submission was not accepted.",
    );
  }
  if (TEXT_TYPES.has(mediaType)) {
    const code = await readTextBody(request, SUBMISSION_BODY_MAX_BYTES);
    const query = Object.fromEntries(new URL(request.url).searchParams);
    return parseInput(CreateSubmissionRequestSchema, { ...query, code }, "Your submission was not accepted.");
  }
  throw new UnsupportedMediaTypeError(
    "Send the submission as application/json ({course, assignment, code, language}) " +
      "or as text/plain code with ?course=…&assignment=….",
  );
}
