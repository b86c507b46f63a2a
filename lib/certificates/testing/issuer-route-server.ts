// Test support: an HTTP server answering the issuer's public documents (profile and controller
// document, keys as Multikey and JWK, JWKS, our JSON-LD context, the status lists) by calling the
// app's own route handlers, for a verifier that dereferences them over HTTP while no Next server
// runs. Start it after the environment names the test's database (the handlers read it), and set
// PUBLIC_URL to its origin before anything is issued, so credentials point at it.
import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (request: Request, segments: string[]) => Promise<Response>;

async function importRoutes(): Promise<{ pattern: RegExp; handle: Handler }[]> {
  const [issuer, key, keyJwk, jwks, context, status] = await Promise.all([
    import("../../../app/issuer/route"),
    import("../../../app/issuer/keys/[kid]/route"),
    import("../../../app/issuer/keys/[kid]/jwk/route"),
    import("../../../app/.well-known/jwks.json/route"),
    import("../../../app/contexts/gradient/v1/route"),
    import("../../../app/status/[purpose]/route"),
  ]);
  return [
    { pattern: /^\/issuer$/, handle: () => issuer.GET() },
    { pattern: /^\/issuer\/keys\/([^/]+)$/, handle: (request, [kid]) => key.GET(request, paramsOf({ kid })) },
    { pattern: /^\/issuer\/keys\/([^/]+)\/jwk$/, handle: (request, [kid]) => keyJwk.GET(request, paramsOf({ kid })) },
    { pattern: /^\/\.well-known\/jwks\.json$/, handle: () => jwks.GET() },
    { pattern: /^\/contexts\/gradient\/v1$/, handle: () => context.GET() },
    { pattern: /^\/status\/([^/]+)$/, handle: (request, [purpose]) => status.GET(request, paramsOf({ purpose })) },
  ];
}

/** Next hands route handlers their decoded path segments as a promise. */
function paramsOf<T extends Record<string, string | undefined>>(segments: T) {
  const decoded = Object.fromEntries(
    Object.entries(segments).map(([name, value]) => [name, decodeURIComponent(value ?? "")]),
  ) as { [K in keyof T]: string };
  return { params: Promise.resolve(decoded) };
}

export interface IssuerRouteServer {
  /** `http://127.0.0.1:<port>`: what PUBLIC_URL should be while it serves. */
  origin: string;
  /** Every path asked for, in order. */
  requested: string[];
  close(): Promise<void>;
}

export async function startIssuerRouteServer(): Promise<IssuerRouteServer> {
  const routes = await importRoutes();
  const requested: string[] = [];
  const server = http.createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host ?? "127.0.0.1"}`);
    requested.push(url.pathname);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === "string") headers.set(name, value);
    const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
    const answer =
      incoming.method !== "GET" || !route
        ? Promise.resolve(new Response("Not found", { status: 404 }))
        : route.handle(new Request(url, { headers }), url.pathname.match(route.pattern)?.slice(1) ?? []);
    answer
      .then(async (response) => {
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        outgoing.writeHead(500, { "Content-Type": "text/plain" });
        outgoing.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requested,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
