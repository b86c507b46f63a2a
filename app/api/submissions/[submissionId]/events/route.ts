// Server-sent events for one submission: a snapshot now, another after every change the grader
// announces (Postgres NOTIFY), and a periodic re-read in case a notification was missed. The
// stream ends when the submission reaches a final state.
import { getCurrentUser } from "@/lib/auth";
import { UnauthenticatedError } from "@/lib/errors";
import { getSubmissionStatus } from "@/lib/submissions/get-submission";
import { isFinished } from "@/lib/submissions/format";
import { onSubmissionChanged } from "@/lib/submissions/progress-channel";
import { otherMethods, withApiErrors } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

const REREAD_MS = 5_000;

export const GET = withApiErrors(
  async (request: Request, { params }: { params: Promise<{ submissionId: string }> }): Promise<Response> => {
    const { submissionId } = await params;
    const user = await getCurrentUser();
    if (!user) throw new UnauthenticatedError();
    const first = await getSubmissionStatus(user, submissionId);

    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        let isClosed = false;
        let isReading = false;
        let isRereadWanted = false;
        const close = () => {
          if (isClosed) return;
          isClosed = true;
          cleanup();
          try {
            controller.close();
          } catch {
            // The client went away first; there is nothing left to close.
          }
        };
        const send = (snapshot: Awaited<ReturnType<typeof getSubmissionStatus>>) => {
          if (isClosed) return;
          controller.enqueue(encoder.encode(`event: status\ndata: ${JSON.stringify(snapshot)}\n\n`));
          if (isFinished(snapshot.status)) close();
        };
        // Notifications can arrive faster than reads finish; reads are serialised and coalesced.
        const reread = async () => {
          if (isReading) {
            isRereadWanted = true;
            return;
          }
          isReading = true;
          try {
            do {
              isRereadWanted = false;
              send(await getSubmissionStatus(user, submissionId));
            } while (isRereadWanted && !isClosed);
          } catch {
            if (!isClosed) controller.enqueue(encoder.encode(`event: unavailable\ndata: {}\n\n`));
          } finally {
            isReading = false;
          }
        };

        send(first);
        if (isClosed) return;
        let unsubscribe = () => {};
        try {
          unsubscribe = await onSubmissionChanged(submissionId, () => void reread());
        } catch {
          // Without LISTEN the periodic re-read still brings every change, only later.
        }
        const timer = setInterval(() => void reread(), REREAD_MS);
        cleanup = () => {
          clearInterval(timer);
          unsubscribe();
        };
        request.signal.addEventListener("abort", close);
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
