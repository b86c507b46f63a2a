import { authenticateApiRequest } from "@/lib/api/authenticate-api-request";
import { listAssignments } from "@/lib/api/list-assignments";
import { jsonResponse, otherMethods, withApiErrors } from "@/lib/api/responses";
import { AssignmentListSchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request: Request) => {
  const user = await authenticateApiRequest(request);
  return jsonResponse(AssignmentListSchema, { assignments: await listAssignments(user) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
