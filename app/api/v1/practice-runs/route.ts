import { authenticateApiRequest } from "@/lib/api/authenticate-api-request";
import { clientAddressOf } from "@/lib/api/client-address";
import { CreatedPracticeRunSchema } from "@/lib/api/practice-schemas";
import { hitRateLimits } from "@/lib/api/rate-limit";
import { readSubmissionRequest } from "@/lib/api/read-submission-request";
import { jsonResponse, otherMethods, withApiErrors } from "@/lib/api/responses";
import { createPracticeRun } from "@/lib/practice/create-practice-run";
import { PracticeInputSchema } from "@/lib/practice/practice-input";
import { PRACTICE_RUNS_PER_ACCOUNT, PRACTICE_RUNS_PER_ADDRESS } from "@/lib/practice/practice-rate-limit";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

// The body is a submission's (JSON, or raw code with the lab in the query), so one file can be checked, then submitted.
export const POST = withApiErrors(async (request: Request) => {
  const user = await authenticateApiRequest(request);
  const { course, assignment, code, language } = await readSubmissionRequest(request);
  const input = parseInput(
    PracticeInputSchema,
    { courseSlug: course, assignmentSlug: assignment, code, language },
    "Your code could not be checked.",
  );
  // Counted only once the body is well-formed, and apart from submissions: a check never uses a submission slot.
  await hitRateLimits([
    { rule: PRACTICE_RUNS_PER_ACCOUNT, subject: user.id },
    { rule: PRACTICE_RUNS_PER_ADDRESS, subject: clientAddressOf(request) },
  ]);
  const created = await createPracticeRun(user, input);
  const statusUrl = `/api/v1/practice-runs/${created.id}`;
  return jsonResponse(
    CreatedPracticeRunSchema,
    { ...created, statusUrl },
    { status: 201, headers: { location: statusUrl } },
  );
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
