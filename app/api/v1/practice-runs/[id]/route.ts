import { authenticateApiRequest } from "@/lib/api/authenticate-api-request";
import { PracticeRunStatusSchema } from "@/lib/api/practice-schemas";
import { jsonResponse, otherMethods, withApiErrors } from "@/lib/api/responses";
import { getPracticeRun } from "@/lib/practice/get-practice-run";

export const dynamic = "force-dynamic";

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

export const GET = withApiErrors(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await authenticateApiRequest(request);
  const { id } = await context.params;
  const run = await getPracticeRun(user, id);
  return jsonResponse(PracticeRunStatusSchema, {
    ...run,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: isoOrNull(run.startedAt),
    finishedAt: isoOrNull(run.finishedAt),
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
