// Server-sent events for one submission (lib/http/progress-event-stream.ts); the stream ends when
// the submission reaches a final state.
import { getCurrentUser } from "@/lib/auth";
import { UnauthenticatedError } from "@/lib/errors";
import { progressEventStream } from "@/lib/http/progress-event-stream";
import { getSubmissionStatus } from "@/lib/submissions/get-submission";
import { isFinished } from "@/lib/submissions/format";
import { otherMethods, withApiErrors } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(
  async (request: Request, { params }: { params: Promise<{ submissionId: string }> }): Promise<Response> => {
    const { submissionId } = await params;
    const user = await getCurrentUser();
    if (!user) throw new UnauthenticatedError();
    return progressEventStream({
      request,
      id: submissionId,
      first: await getSubmissionStatus(user, submissionId),
      read: () => getSubmissionStatus(user, submissionId),
      isFinal: (snapshot) => isFinished(snapshot.status),
      rereadMs: 5_000,
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
