// The load bench's own HTTP client: node:http with keep-alive, taking each body as it arrives
// without inflating it. A page is timed to its last byte, as a browser's network time, and the
// machine the bench shares with the platform does not spend its cores on decompressing pages the
// bench never reads (fetch inflates every gzipped body, which cost a tenth of the machine).
import http from "node:http";

const agent = new http.Agent({ keepAlive: true });

export interface BenchResponse {
  status: number;
  ok: boolean;
  headers: http.IncomingHttpHeaders;
  /** The body as it came over the wire (compressed, when the request accepted that). */
  body: Buffer;
}

export function benchRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<BenchResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const status = response.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, headers: response.headers, body: Buffer.concat(chunks) });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(init.body);
  });
}
