// Test support: the service side of an LMS, written from 1EdTech's specifications rather than from
// Gradient's code (it imports nothing from lib/lti): an OAuth 2.0 token endpoint that checks the
// client assertion (LTI security framework §4.1, RFC 7523) against the tool's JWKS, AGS 2.0 line
// items and their scores endpoints, and an NRPS 2.0 membership service that pages with Link headers.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";

const SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
const LINE_ITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
const MEMBERSHIP_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
const SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";
const LINE_ITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
const MEMBERSHIPS_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

export interface ReceivedScore {
  /** The line item's id (its URL). */
  lineItem: string;
  body: Record<string, unknown>;
}

export interface LineItem {
  id: string;
  scoreMaximum: number;
  label: string;
  resourceId?: string;
  resourceLinkId?: string;
  tag?: string;
}

export interface ServicePlatform {
  origin: string;
  tokenUrl: string;
  lineItemsUrl: string;
  membershipsUrl: string;
  /** Scores accepted, in the order they came. */
  scores: ReceivedScore[];
  lineItems: LineItem[];
  /** Scopes of every token granted, one entry per token request that succeeded. */
  tokenGrants: string[][];
  /** Refusals at the token endpoint, with the reason, for tests that expect none. */
  tokenRefusals: string[];
  /** When set, the scores endpoint answers this status (with a body) instead of taking the score. */
  failScoresWith: number | null;
  /** The roster, one array of members per page. */
  memberPages: unknown[][];
  addLineItem(item: Omit<LineItem, "id">): LineItem;
  close(): Promise<void>;
}

function send(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts the platform on a free local port; `clientId` is the id it gave the tool, `toolJwks` the tool's published keys. */
export async function startServicePlatform({
  clientId,
  toolJwks,
}: {
  clientId: string;
  toolJwks: () => Promise<JSONWebKeySet>;
}): Promise<ServicePlatform> {
  const tokens = new Map<string, string[]>();
  const usedJti = new Set<string>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const platform: ServicePlatform = {
    origin,
    tokenUrl: `${origin}/oauth/token`,
    lineItemsUrl: `${origin}/courses/7/lineitems`,
    membershipsUrl: `${origin}/courses/7/memberships`,
    scores: [],
    lineItems: [],
    tokenGrants: [],
    tokenRefusals: [],
    failScoresWith: null,
    memberPages: [],
    addLineItem(item) {
      const created = { ...item, id: `${origin}/courses/7/lineitems/${platform.lineItems.length + 1}?type=grade` };
      platform.lineItems.push(created);
      return created;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  /** The scopes of the request's bearer token, or null after answering 401. */
  function scopesOf(request: http.IncomingMessage, response: http.ServerResponse): string[] | null {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    const scopes = token ? tokens.get(token) : undefined;
    if (!scopes) {
      send(response, 401, { error: "invalid_token" });
      return null;
    }
    return scopes;
  }

  async function token(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(request));
    const refuse = (reason: string) => {
      platform.tokenRefusals.push(reason);
      send(response, 400, { error: "invalid_client", error_description: reason });
    };
    if (form.get("grant_type") !== "client_credentials") return refuse("grant_type");
    if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
      return refuse("client_assertion_type");
    try {
      const { payload } = await jwtVerify(form.get("client_assertion") ?? "", createLocalJWKSet(await toolJwks()), {
        issuer: clientId,
        subject: clientId,
        audience: platform.tokenUrl,
        algorithms: ["RS256"],
      });
      if (!payload.jti || usedJti.has(payload.jti)) return refuse("jti missing or replayed");
      usedJti.add(payload.jti);
    } catch (error) {
      return refuse(`client_assertion: ${String(error)}`);
    }
    const scopes = (form.get("scope") ?? "").split(" ").filter(Boolean);
    const accessToken = crypto.randomBytes(24).toString("base64url");
    tokens.set(accessToken, scopes);
    platform.tokenGrants.push(scopes);
    send(response, 200, { access_token: accessToken, token_type: "Bearer", expires_in: 3600, scope: scopes.join(" ") });
  }

  async function lineItems(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    const scopes = scopesOf(request, response);
    if (!scopes) return;
    if (!scopes.includes(LINE_ITEM_SCOPE)) return send(response, 403, { error: "insufficient_scope" });
    if (request.method === "GET") {
      const resourceLinkId = url.searchParams.get("resource_link_id");
      const found = platform.lineItems.filter((item) => !resourceLinkId || item.resourceLinkId === resourceLinkId);
      return send(response, 200, found, { "Content-Type": "application/vnd.ims.lis.v2.lineitemcontainer+json" });
    }
    if (request.headers["content-type"] !== LINE_ITEM_TYPE) return send(response, 415, { error: "media type" });
    const body = JSON.parse(await readBody(request)) as Omit<LineItem, "id">;
    if (typeof body.scoreMaximum !== "number" || !body.label)
      return send(response, 400, { error: "invalid line item" });
    send(response, 201, platform.addLineItem(body), { "Content-Type": LINE_ITEM_TYPE });
  }

  async function scores(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    lineItemPath: string,
  ): Promise<void> {
    const scopes = scopesOf(request, response);
    if (!scopes) return;
    if (!scopes.includes(SCORE_SCOPE)) return send(response, 403, { error: "insufficient_scope" });
    if (request.headers["content-type"] !== SCORE_TYPE) return send(response, 415, { error: "media type" });
    const item = platform.lineItems.find((candidate) => new URL(candidate.id).pathname === lineItemPath);
    if (!item) return send(response, 404, { error: "no such line item" });
    const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    if (platform.failScoresWith !== null)
      return send(
        response,
        platform.failScoresWith,
        "<html><body><h1>Internal error</h1>\n<p>database unavailable</p></body></html>",
        {
          "Content-Type": "text/html",
        },
      );
    platform.scores.push({ lineItem: item.id, body });
    send(response, 200, {});
  }

  function memberships(request: http.IncomingMessage, response: http.ServerResponse, url: URL): void {
    const scopes = scopesOf(request, response);
    if (!scopes) return;
    if (!scopes.includes(MEMBERSHIP_SCOPE)) return send(response, 403, { error: "insufficient_scope" });
    const page = Number(url.searchParams.get("page") ?? "1");
    const members = platform.memberPages[page - 1] ?? [];
    const headers: Record<string, string> = { "Content-Type": MEMBERSHIPS_TYPE };
    if (page < platform.memberPages.length)
      headers.Link = `<${platform.membershipsUrl}?page=${page + 1}>; rel="next", <${platform.membershipsUrl}>; rel="first"`;
    send(response, 200, { id: url.toString(), context: { id: "course-7", title: "Course 7" }, members }, headers);
  }

  server.on("request", (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? "/", origin);
    const handle = async () => {
      if (url.pathname === "/oauth/token" && request.method === "POST") return token(request, response);
      if (url.pathname === "/courses/7/lineitems") return lineItems(request, response, url);
      const scored = /^(\/courses\/7\/lineitems\/\d+)\/scores$/.exec(url.pathname);
      if (scored?.[1] && request.method === "POST") return scores(request, response, scored[1]);
      if (url.pathname === "/courses/7/memberships" && request.method === "GET")
        return memberships(request, response, url);
      send(response, 404, { error: "not found" });
    };
    handle().catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  return platform;
}
