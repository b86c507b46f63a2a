import { authenticateApiRequest } from "@/lib/api/authenticate-api-request";
import { jsonResponse, otherMethods, withApiErrors } from "@/lib/api/responses";
import { SubmissionStatusSchema } from "@/lib/api/schemas";
import { getSubmissionStatus } from "@/lib/submissions/get-submission";

export const dynamic = "force-dynamic";

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

export const GET = withApiErrors(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await authenticateApiRequest(request);
  const { id } = await context.params;
  const status = await getSubmissionStatus(user, id);
  return jsonResponse(SubmissionStatusSchema, {
    ...status,
    queuedAt: status.queuedAt.toISOString(),
    startedAt: isoOrNull(status.startedAt),
    finishedAt: isoOrNull(status.finishedAt),
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
