// Server-sent events for one of the viewer's practice runs, as for a submission: a snapshot now,
// another after every change the worker announces (Postgres NOTIFY on the same channel, keyed by
// the run's id), and a periodic re-read in case a notification was missed. Ends when the run ends.
import { otherMethods, withApiErrors } from "@/lib/api/responses";
import { getCurrentUser } from "@/lib/auth";
import { UnauthenticatedError } from "@/lib/errors";
import { getPracticeRun, snapshotOf, type PracticeRunView } from "@/lib/practice/get-practice-run";
import { isPracticeFinished } from "@/lib/practice/practice-status";
import { onSubmissionChanged } from "@/lib/submissions/progress-channel";

export const dynamic = "force-dynamic";

const REREAD_MS = 3_000;

export const GET = withApiErrors(
  async (request: Request, { params }: { params: Promise<{ practiceRunId: string }> }): Promise<Response> => {
    const { practiceRunId } = await params;
    const user = await getCurrentUser();
    if (!user) throw new UnauthenticatedError();
    const first = await getPracticeRun(user, practiceRunId);

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
        const send = (snapshot: PracticeRunView) => {
          if (isClosed) return;
          controller.enqueue(encoder.encode(`event: status\ndata: ${JSON.stringify(snapshotOf(snapshot))}\n\n`));
          if (isPracticeFinished(snapshot.status)) close();
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
              send(await getPracticeRun(user, practiceRunId));
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
          unsubscribe = await onSubmissionChanged(practiceRunId, () => void reread());
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
