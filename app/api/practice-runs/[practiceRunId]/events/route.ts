// Server-sent events for one of the viewer's practice runs, as for a submission
// (lib/http/progress-event-stream.ts; the worker notifies on the same channel, keyed by the run's id).
import { otherMethods, withApiErrors } from "@/lib/api/responses";
import { getCurrentUser } from "@/lib/auth";
import { UnauthenticatedError } from "@/lib/errors";
import { progressEventStream } from "@/lib/http/progress-event-stream";
import { getPracticeRun, snapshotOf } from "@/lib/practice/get-practice-run";
import { isPracticeFinished } from "@/lib/practice/practice-status";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(
  async (request: Request, { params }: { params: Promise<{ practiceRunId: string }> }): Promise<Response> => {
    const { practiceRunId } = await params;
    const user = await getCurrentUser();
    if (!user) throw new UnauthenticatedError();
    return progressEventStream({
      request,
      id: practiceRunId,
      first: await getPracticeRun(user, practiceRunId),
      read: () => getPracticeRun(user, practiceRunId),
      isFinal: (snapshot) => isPracticeFinished(snapshot.status),
      toEvent: snapshotOf,
      // A practice run lasts seconds, so a missed notification is made good sooner.
      rereadMs: 3_000,
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
