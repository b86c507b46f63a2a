import { authenticateApiRequest } from "@/lib/api/authenticate-api-request";
import { clientAddressOf } from "@/lib/api/client-address";
import { SUBMISSIONS_PER_ACCOUNT, SUBMISSIONS_PER_ADDRESS, hitRateLimits } from "@/lib/api/rate-limit";
import { readSubmissionRequest } from "@/lib/api/read-submission-request";
import { jsonResponse, otherMethods, withApiErrors } from "@/lib/api/responses";
import { CreatedSubmissionSchema } from "@/lib/api/schemas";
import { createSubmission } from "@/lib/submissions/create-submission";

export const dynamic = "force-dynamic";

export const POST = withApiErrors(async (request: Request) => {
  const user = await authenticateApiRequest(request);
  const { course, assignment, code, language } = await readSubmissionRequest(request);
  // Counted only once the body is well-formed, so a typo does not cost a learner a submission slot.
  await hitRateLimits([
    { rule: SUBMISSIONS_PER_ACCOUNT, subject: user.id },
    { rule: SUBMISSIONS_PER_ADDRESS, subject: clientAddressOf(request) },
  ]);
  const created = await createSubmission(user, {
    courseSlug: course,
    assignmentSlug: assignment,
    code,
    language,
    source: "API",
  });
  const statusUrl = `/api/v1/submissions/${created.id}`;
  return jsonResponse(
    CreatedSubmissionSchema,
    { ...created, statusUrl },
    { status: 201, headers: { location: statusUrl } },
  );
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
