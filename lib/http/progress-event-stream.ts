// Server-sent events for something the grader works on (a submission, a practice run): a snapshot
// now, another after every change the worker announces (Postgres NOTIFY, keyed by its id), and a
// periodic re-read in case a notification was missed. The stream ends once a snapshot is final.
import { onSubmissionChanged } from "@/lib/submissions/progress-channel";

interface ProgressStreamOptions<Snapshot> {
  request: Request;
  /** The id the worker's notifications name. */
  id: string;
  /** The first snapshot, read before the stream starts so that a refusal is an ordinary error response. */
  first: Snapshot;
  read: () => Promise<Snapshot>;
  isFinal: (snapshot: Snapshot) => boolean;
  /** What the client receives of a snapshot; the snapshot itself by default. */
  toEvent?: (snapshot: Snapshot) => unknown;
  rereadMs: number;
}

export function progressEventStream<Snapshot>(options: ProgressStreamOptions<Snapshot>): Response {
  const { request, id, first, read, isFinal, rereadMs } = options;
  const toEvent = options.toEvent ?? ((snapshot: Snapshot) => snapshot);
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
      const send = (snapshot: Snapshot) => {
        if (isClosed) return;
        controller.enqueue(encoder.encode(`event: status\ndata: ${JSON.stringify(toEvent(snapshot))}\n\n`));
        if (isFinal(snapshot)) close();
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
            send(await read());
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
        unsubscribe = await onSubmissionChanged(id, () => void reread());
      } catch {
        // Without LISTEN the periodic re-read still brings every change, only later.
      }
      const timer = setInterval(() => void reread(), rereadMs);
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
}
